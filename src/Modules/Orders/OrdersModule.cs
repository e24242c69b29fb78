using Ecommerce.Orders.Chain;
using Ecommerce.Orders.Clients;
using Ecommerce.Orders.Data;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Http;
using Ecommerce.Shared.Persistence;
using Ecommerce.Shared.Testing;

namespace Ecommerce.Orders;

public static class OrdersModule
{
    public const string Name = "Orders";

    public static void AddOrdersModule(this WebApplicationBuilder builder)
    {
        if (!builder.TryAddModule(Name, typeof(OrdersModule).Assembly)) return;
        var configuration = builder.Configuration;
        builder.Services.AddModuleOptions<OrdersOptions>(builder.Configuration, OrdersOptions.Section);
        builder.Services.AddModuleDbContext<OrdersDbContext, SqliteOrdersDbContext, SqlServerOrdersDbContext, PostgresOrdersDbContext>(
            configuration, Name, OrdersDbContext.Schema);
        // Contract 5.1 and 5.2: Payments 30 s, Notifications 10 s.
        builder.Services.AddServiceClient<PaymentsClient>(configuration, Name, "Payments", TimeSpan.FromSeconds(30));
        builder.Services.AddServiceClient<NotificationsClient>(configuration, Name, "Notifications", TimeSpan.FromSeconds(10));
        builder.Services.AddScoped<OrderNotifier>();
        builder.Services.AddScoped<OrderChain>();
        builder.Services.AddSingleton<OrdersMetrics>();
        builder.Services.AddScoped<Outbox.EmailOutbox>();
        builder.Services.AddScoped<Outbox.OrderRefunds>();
        builder.Services.AddHostedService<Outbox.OwedEmailDispatcher>();
        builder.Services.AddSingleton<Outbox.SettledChains>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Outbox.SettledChains>());
        builder.Services.AddHostedService<Outbox.ChainRecovery>();
        builder.Services.AddScoped<Features.BulkCreateOrders.BulkChunkImporter>();
        builder.Services.AddSingleton<IModuleReset, Outbox.OutboxMemoryReset>();
    }

    public static void UseOrdersModule(this WebApplication app) => app.MigrateModuleDatabase<OrdersDbContext>(Name);
}
