using System.Text.Json;
using Ecommerce.Shared.Http;
using Ecommerce.Shared.Testing;
using Microsoft.Extensions.Options;

namespace Ecommerce.Dashboard.Api;

/// <summary>
/// The faults injected on the modules (<c>GET /testing/faults</c> on each API's port), for the banner that warns while
/// some requests fail on purpose. Asked only with Testing:Enabled; a module that does not answer counts none.
/// </summary>
public sealed class ActiveFaultsApi(IHttpClientFactory clients, IOptions<TestingMode> testing)
{
    public bool Enabled => testing.Value.Enabled;

    public async Task<int> CountAsync()
    {
        if (!testing.Value.Enabled) return 0;
        var counts = await Task.WhenAll(new[] { nameof(OrdersApi), nameof(PaymentsApi), nameof(NotificationsApi) }.Select(client =>
            Call.OrNoAnswerAsync(async () =>
            {
                var http = clients.CreateClient(client);   // the typed client's own configuration: its module's address
                using var faults = JsonDocument.Parse(await http.GetStringAsync(new Uri(http.BaseAddress!, "/testing/faults")));
                return faults.RootElement.GetArrayLength();
            }, _ => 0)));
        return counts.Sum();
    }
}
