// The yardstick of `bench -- startup`: the least an ASP.NET Core app listening on the product's four ports does.
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    foreach (var name in new[] { "Orders", "Payments", "Notifications", "Dashboard" })
        kestrel.ListenAnyIP(builder.Configuration.GetValue<int>($"Ports:{name}"));
});
var app = builder.Build();
app.MapGet("/health", () => Results.Json(new { status = "ok" }));
app.Run();
