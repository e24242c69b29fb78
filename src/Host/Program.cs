using Ecommerce.Dashboard;
using Ecommerce.Dashboard.Security;
using Ecommerce.Notifications;
using Ecommerce.Orders;
using Ecommerce.Payments;
using Ecommerce.Shared.Hosting;

// `hash-password` prints a value for Dashboard:AdminPasswordHash instead of starting the host.
if (args is [HashPasswordCommand.Name, ..]) return HashPasswordCommand.Run();
// `healthcheck` probes a running host's /health on every port (the container's HEALTHCHECK) and exits 0 or 1.
if (args is [HealthProbeCommand.Name, .. var probeArgs]) return await HealthProbeCommand.RunAsync(probeArgs);

// Slim: without IIS, QUIC, HTTPS set-up and hosting-startup scanning, none of which this plain-HTTP service uses.
var builder = WebApplication.CreateSlimBuilder(args);
builder.AddPlatform();
builder.AddOrdersModule();
builder.AddPaymentsModule();
builder.AddNotificationsModule();
builder.AddDashboardModule();

var app = builder.Build();
app.UsePlatform();
app.UseOrdersModule();
app.UsePaymentsModule();
app.UseNotificationsModule();
app.UseDashboardModule();
app.MapPlatform();
app.Run();
return Environment.ExitCode; // 1 when a module's database could not be migrated (ModuleDatabases)

public partial class Program;
