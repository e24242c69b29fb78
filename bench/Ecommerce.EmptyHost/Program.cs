// The yardsticks of `bench -- startup`: the least an ASP.NET Core app listening on the product's four ports does.
// `--Builder=template` starts it as `dotnet new web` does (WebApplication.CreateBuilder); otherwise with the slim builder
// the product itself uses (no IIS, HTTPS or hosting-startup set-up), the stricter yardstick.
var builder = args.Contains("--Builder=template") ? WebApplication.CreateBuilder(args) : WebApplication.CreateSlimBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    foreach (var name in new[] { "Orders", "Payments", "Notifications", "Dashboard" })
        kestrel.ListenAnyIP(builder.Configuration.GetValue<int>($"Ports:{name}"));
});
var app = builder.Build();
app.MapGet("/health", () => Results.Json(new { status = "ok" }));
app.Run();
