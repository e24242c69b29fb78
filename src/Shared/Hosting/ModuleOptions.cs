using Microsoft.Extensions.Options;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// Settings, read one way: a class per configuration section, bound by the configuration binder and checked
/// (<see cref="Problems"/>) while the host is built, so a bad value stops the start, before any port listens, with a
/// message naming its key. What decides how the host is built (providers, schemes, limits) uses the value
/// <see cref="ModuleOptions.AddModuleOptions{T}"/> returns; handlers and workers take <c>IOptions&lt;T&gt;</c>. Nothing
/// reads configuration keys itself.
/// </summary>
public interface IModuleOptions
{
    /// <summary>What is wrong with these values, each naming its key (<c>Orders:BulkChunkSize must be ...</c>).</summary>
    IEnumerable<string> Problems();
}

public static class ModuleOptions
{
    /// <summary>Binds and checks <paramref name="section"/>, registers it as <c>IOptions&lt;T&gt;</c> and returns it.</summary>
    public static T AddModuleOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class, IModuleOptions, new()
    {
        var options = configuration.ReadModuleOptions<T>(section);
        services.AddSingleton(Options.Create(options));
        return options;
    }

    /// <summary>Binds and checks <paramref name="section"/> (for a value needed where services are not at hand).</summary>
    public static T ReadModuleOptions<T>(this IConfiguration configuration, string section) where T : class, IModuleOptions, new()
    {
        // A value the binder cannot convert ("ten" for a number) throws here, naming its key.
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? options : throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
    }

    /// <summary>"Section:Key must be a whole number from min to max, not value"; nothing when it is one.</summary>
    public static IEnumerable<string> WholeNumber(string key, int value, int min, int max)
    {
        if (value < min || value > max) yield return $"{key} must be a whole number from {min} to {max}, not {value}.";
    }

    /// <summary>"Section:Key must be a whole number greater than 0"; nothing when it is one.</summary>
    public static IEnumerable<string> Positive(string key, int value)
    {
        if (value <= 0) yield return $"{key} must be a whole number greater than 0, not {value}.";
    }

    /// <summary>"Section:Key must be a number of seconds greater than 0"; nothing when it is one.</summary>
    public static IEnumerable<string> Seconds(string key, double value)
    {
        if (!(value > 0) || double.IsInfinity(value)) yield return $"{key} must be a number of seconds greater than 0, not {value}.";
    }
}
