using Ecommerce.Payments.Clients;
using Ecommerce.Payments.Data;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Http;
using Ecommerce.Shared.Persistence;

namespace Ecommerce.Payments;

public static class PaymentsModule
{
    public const string Name = "Payments";

    public static void AddPaymentsModule(this WebApplicationBuilder builder)
    {
        if (!builder.TryAddModule(Name, typeof(PaymentsModule).Assembly)) return;
        builder.Services.AddModuleDbContext<PaymentsDbContext, SqlitePaymentsDbContext, SqlServerPaymentsDbContext, PostgresPaymentsDbContext>(
            builder.Configuration, Name, PaymentsDbContext.Schema);
        // Contract 5.3: Payments → Orders webhook, 10 s.
        builder.Services.AddServiceClient<OrdersWebhookClient>(builder.Configuration, Name, "Orders", TimeSpan.FromSeconds(10));
        builder.Services.AddScoped<Outbox.WebhookOutbox>();
        builder.Services.AddSingleton<PaymentsMetrics>();
        builder.Services.AddHostedService<Outbox.OwedWebhookDispatcher>();
    }

    public static void UsePaymentsModule(this WebApplication app) => app.MigrateModuleDatabase<PaymentsDbContext>(Name);
}
