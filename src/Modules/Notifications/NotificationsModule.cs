using Ecommerce.Notifications.Data;
using Ecommerce.Notifications.Delivery;
using Ecommerce.Notifications.RateLimiting;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Persistence;

namespace Ecommerce.Notifications;

public static class NotificationsModule
{
    public const string Name = "Notifications";

    public static void AddNotificationsModule(this WebApplicationBuilder builder)
    {
        if (!builder.TryAddModule(Name, typeof(NotificationsModule).Assembly)) return;
        builder.Services.AddModuleOptions<NotificationsOptions>(builder.Configuration, NotificationsOptions.Section);
        builder.Services.AddModuleDbContext<NotificationsDbContext, SqliteNotificationsDbContext, SqlServerNotificationsDbContext, PostgresNotificationsDbContext>(
            builder.Configuration, Name, NotificationsDbContext.Schema);
        builder.AddDelivery();
        builder.Services.AddSingleton<NotificationsMetrics>();
        builder.Services.AddSendRateLimits(builder.Configuration);
    }

    public static void UseNotificationsModule(this WebApplication app) => app.MigrateModuleDatabase<NotificationsDbContext>(Name);
}
