using System.Security.Cryptography;
using System.Text;

namespace Ecommerce.Bench;

/// <summary>
/// <c>--auth</c>, <c>--signed-webhooks</c>: the host with API authentication and/or webhook signing on, as docs/security.md
/// configures them: one admin API key (its hash in the settings, the key in every request) and a service key; a webhook secret.
/// </summary>
internal sealed class ApiAuthSettings(bool keys, bool webhooks)
{
    public bool Keys => keys;

    public bool Webhooks => webhooks;

    public string Key { get; } = "ecapi_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public Dictionary<string, string> HostSettings
    {
        get
        {
            var settings = new Dictionary<string, string>();
            if (keys)
            {
                settings["Auth:ApiKeys:0:Name"] = "bench";
                settings["Auth:ApiKeys:0:Hash"] = "sha256:" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Key)));
                settings["Auth:ApiKeys:0:Scopes"] = "admin";
                settings["Auth:ServiceKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            }
            if (webhooks) settings["Webhooks:SigningSecrets:0"] = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            return settings;
        }
    }
}
