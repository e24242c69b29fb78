using Microsoft.Extensions.Options;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// A module's settings: one class per configuration section, bound when the host starts and checked then
/// (<c>ValidateOnStart</c>), so a bad value stops the start, before any port listens, with a message naming its key.
/// Handlers and workers take <c>IOptions&lt;T&gt;</c>; nothing reads configuration keys itself.
/// </summary>
public interface IModuleOptions
{
    /// <summary>What is wrong with these values, each naming its key (<c>Orders:BulkChunkSize must be ...</c>).</summary>
    IEnumerable<string> Problems();
}

public static class ModuleOptions
{
    public static OptionsBuilder<T> AddModuleOptions<T>(this IServiceCollection services, string section)
        where T : class, IModuleOptions
    {
        services.AddSingleton<IValidateOptions<T>>(new ProblemsValidator<T>());
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>"Section:Key must be a whole number from min to max, not value"; nothing when it is one.</summary>
    public static IEnumerable<string> WholeNumber(string key, int value, int min, int max)
    {
        if (value < min || value > max) yield return $"{key} must be a whole number from {min} to {max}, not {value}.";
    }

    /// <summary>"Section:Key must be a number of seconds greater than 0"; nothing when it is one.</summary>
    public static IEnumerable<string> Seconds(string key, double value)
    {
        if (!(value > 0) || double.IsInfinity(value)) yield return $"{key} must be a number of seconds greater than 0, not {value}.";
    }

    private sealed class ProblemsValidator<T> : IValidateOptions<T> where T : class, IModuleOptions
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
