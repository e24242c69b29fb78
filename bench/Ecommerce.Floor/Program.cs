using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Ecommerce.Floor;

// The floor of the order chain: the smallest ASP.NET Core program doing exactly its I/O. A client's POST /orders/ on the
// Orders port → one SQLite commit (the order) → POST /payments on the Payments port → one commit (the payment) → POST
// /orders/{id}/webhook back on the Orders port → one commit (paid) → answers → POST /notifications/email on the
// Notifications port → one commit (the notification) → the order's answer. The same bodies and sizes as the product's,
// the same SQLite pragmas and durability (WAL, synchronous=NORMAL), keep-alive HTTP/1.1 between the ports, the same GC
// settings; no validation, no logging, no mediator, no outbox, no recovery markers. Ports and data directory as the
// host reads them (Ports__Orders … Ports__Dashboard, Database__SqliteDirectory), /health on every port.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var ports = new[] { "Orders", "Payments", "Notifications", "Dashboard" }
    .ToDictionary(m => m, m => int.Parse(builder.Configuration[$"Ports:{m}"] ?? "0", CultureInfo.InvariantCulture));
builder.WebHost.ConfigureKestrel(kestrel =>
{
    foreach (var port in ports.Values) kestrel.ListenAnyIP(port);
});
var app = builder.Build();

var directory = builder.Configuration["Database:SqliteDirectory"] ?? Path.Combine(Path.GetTempPath(), "ecommerce-floor");
Directory.CreateDirectory(directory);
var orders = FloorDatabase.Create(directory, "orders",
    "CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, customer_email TEXT, customer_name TEXT, status TEXT, total_amount TEXT, currency TEXT, items TEXT, created_at TEXT, updated_at TEXT)");
var payments = FloorDatabase.Create(directory, "payments",
    "CREATE TABLE IF NOT EXISTS payments (id INTEGER PRIMARY KEY, order_id INTEGER UNIQUE, amount TEXT, currency TEXT, status TEXT, transaction_id TEXT, created_at TEXT)");
var notifications = FloorDatabase.Create(directory, "notifications",
    "CREATE TABLE IF NOT EXISTS notifications (id INTEGER PRIMARY KEY, order_id INTEGER, recipient TEXT, subject TEXT, body TEXT, created_at TEXT)");

using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 8 });
var paymentsUrl = $"http://127.0.0.1:{ports["Payments"]}/api/v1/payments";
var notificationsUrl = $"http://127.0.0.1:{ports["Notifications"]}/api/v1/notifications/email";

app.Run(async context =>
{
    var request = context.Request;
    var module = ports.First(p => p.Value == context.Connection.LocalPort).Key;
    if (request.Path == "/health")
    {
        await context.Response.WriteAsync("""{"status":"healthy"}""");
        return;
    }
    var body = await JsonDocument.ParseAsync(request.Body);
    var now = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
    switch (module)
    {
        case "Orders" when request.Path == "/api/v1/orders/":
        {
            var root = body.RootElement;
            var email = root.GetProperty("customer_email").GetString()!;
            var name = root.GetProperty("customer_name").GetString()!;
            var items = root.GetProperty("items").GetRawText();
            var id = await orders.InsertAsync("INSERT INTO orders (customer_email, customer_name, status, total_amount, currency, items, created_at, updated_at) VALUES ($1, $2, 'pending', '183100.0', 'JPY', $3, $4, $4) RETURNING id",
                email, name, items, now);
            await Post(paymentsUrl, $$"""{"order_id":{{id}},"amount":183100.0,"currency":"JPY","payment_method":"credit_card"}""");
            await Post(notificationsUrl,
                $$$"""{"order_id":{{{id}}},"to_email":"{{{email}}}","template_name":"ORDER_CONFIRMATION","template_data":{"order_id":{{{id}}},"customer_name":"{{{name}}}","total_amount":183100.0,"currency":"JPY","item_count":2}}""");
            context.Response.StatusCode = 201;
            await Json(context, OrderJson(id, email, name, "paid", now));
            break;
        }
        case "Orders": // POST /api/v1/orders/{id}/webhook
        {
            var id = int.Parse(request.Path.Value!.Split('/')[4], CultureInfo.InvariantCulture);
            await orders.InsertAsync("UPDATE orders SET status = 'paid', updated_at = $2 WHERE id = $1 RETURNING id", id, now);
            await Json(context, OrderJson(id, "tanaka@example.co.jp", "田中太郎", "paid", now));
            break;
        }
        case "Payments":
        {
            var orderId = body.RootElement.GetProperty("order_id").GetInt32();
            var transaction = Guid.NewGuid().ToString();
            var id = await payments.InsertAsync("INSERT INTO payments (order_id, amount, currency, status, transaction_id, created_at) VALUES ($1, '183100.0', 'JPY', 'completed', $2, $3) RETURNING id",
                orderId, transaction, now);
            await Post($"http://127.0.0.1:{ports["Orders"]}/api/v1/orders/{orderId}/webhook", $$"""{"payment_status":"completed","transaction_id":"{{transaction}}"}""");
            context.Response.StatusCode = 201;
            await Json(context,
                $$"""{"id":{{id}},"order_id":{{orderId}},"amount":183100.0,"currency":"JPY","status":"completed","payment_method":"credit_card","transaction_id":"{{transaction}}","created_at":"{{now}}","updated_at":"{{now}}"}""");
            break;
        }
        case "Notifications":
        {
            var root = body.RootElement;
            var orderId = root.GetProperty("order_id").GetInt32();
            var to = root.GetProperty("to_email").GetString()!;
            var subject = $"ご注文確認 — 注文番号 #{orderId}";
            var text = $"田中太郎 様\n\nご注文ありがとうございます。以下の内容でご注文を承りました。\n\n注文番号: #{orderId}\n商品点数: 2点\nご請求金額: ¥183,100\n\n商品の発送準備が整い次第、改めてご連絡いたします。\n今後ともよろしくお願いいたします。";
            var id = await notifications.InsertAsync("INSERT INTO notifications (order_id, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                orderId, to, subject, text, now);
            context.Response.StatusCode = 201;
            await Json(context,
                $$"""{"id":{{id}},"order_id":{{orderId}},"channel":"email","template_name":"ORDER_CONFIRMATION","recipient":"{{to}}","subject":{{JsonSerializer.Serialize(subject)}},"body":{{JsonSerializer.Serialize(text)}},"status":"sent","sent_at":"{{now}}","created_at":"{{now}}"}""");
            break;
        }
        default:
            context.Response.StatusCode = 404;
            break;
    }
});

await app.RunAsync();
return;

async Task Post(string url, string json)
{
    using var content = new StringContent(json, Encoding.UTF8, "application/json");
    using var response = await http.PostAsync(url, content);
    await response.Content.ReadAsByteArrayAsync();
    if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created)) throw new InvalidOperationException($"{url}: {response.StatusCode}");
}

static Task Json(HttpContext context, string json)
{
    context.Response.ContentType = "application/json";
    return context.Response.WriteAsync(json);
}

static string OrderJson(long id, string email, string name, string status, string now) =>
    $$"""{"id":{{id}},"customer_email":"{{email}}","customer_name":"{{name}}","status":"{{status}}","total_amount":183100.0,"currency":"JPY","created_at":"{{now}}","updated_at":"{{now}}","items":[{"id":{{2 * id - 1}},"product_name":"ノートPC","quantity":2,"unit_price":89800.0},{"id":{{2 * id}},"product_name":"マウス","quantity":1,"unit_price":3500.0}]}""";
