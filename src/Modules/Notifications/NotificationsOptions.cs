using Ecommerce.Shared.Hosting;

namespace Ecommerce.Notifications;

/// <summary>The <c>Notifications</c> section of the configuration (docs/configuration.md).</summary>
public sealed class NotificationsOptions : IModuleOptions
{
    public const string Section = "Notifications";

    /// <summary>Sends allowed per rolling second on POST /email and, separately, on POST /sms; reads are not limited.</summary>
    public int RateLimitPerSecond { get; set; } = 10;

    public IEnumerable<string> Problems() =>
        ModuleOptions.WholeNumber("Notifications:RateLimitPerSecond", RateLimitPerSecond, 1, 10_000_000);
}
