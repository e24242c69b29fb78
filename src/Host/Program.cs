using Ecommerce.Host.Dashboard;
using Ecommerce.Notifications;
using Ecommerce.Orders;
using Ecommerce.Payments;
using Ecommerce.Shared.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform();
builder.AddOrdersModule();
builder.AddPaymentsModule();
builder.AddNotificationsModule();
builder.AddDashboard();

var app = builder.Build();
app.UsePlatform();
app.UseOrdersModule();
app.UsePaymentsModule();
app.UseNotificationsModule();
app.MapPlatform();
app.Run();

public partial class Program;
