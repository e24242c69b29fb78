using System.Net;
using System.Text.RegularExpressions;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Security;
using YamlDotNet.RepresentationModel;

namespace Ecommerce.IntegrationTests.Deployment;

/// <summary>
/// deploy/kubernetes cannot be applied here (no cluster), so it is read and checked against the product: its ports are
/// the modules' ports, its probes answer on a host started with its ConfigMap, every setting it names is one the product
/// documents (a renamed setting breaks this test, not a deploy), the references between its objects resolve, and its
/// memory and shutdown figures fit the budget and the drain.
/// </summary>
public sealed class KubernetesManifestTests() : HostFixture(settings: ConfigMapSettings())
{
    private static readonly string Directory = Path.Combine(Repository.Root(), "deploy", "kubernetes");

    private static readonly Lazy<List<YamlMappingNode>> Documents = new(() => System.IO.Directory.GetFiles(Directory, "*.yaml")
        .Where(file => Path.GetFileName(file) != "kustomization.yaml")
        .SelectMany(file =>
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            return stream.Documents.Select(d => (YamlMappingNode)d.RootNode);
        }).ToList());

    private static YamlMappingNode Object(string kind) => Documents.Value.Single(d => Text(d, "kind") == kind);

    private static YamlMappingNode Container => (YamlMappingNode)((YamlSequenceNode)At(Object("Deployment"), "spec", "template", "spec", "containers")).Children.Single();

    private static YamlNode At(YamlNode node, params string[] keys) =>
        keys.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    private static string Text(YamlNode node, params string[] keys) => ((YamlScalarNode)At(node, keys)).Value!;

    private static Dictionary<string, string> Entries(string kind, string section) =>
        ((YamlMappingNode)At(Object(kind), section)).Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value!);

    /// <summary>The ConfigMap as the host's settings, on this machine's SQLite instead of the cluster's PostgreSQL, with a real key hash.</summary>
    private static Dictionary<string, string?> ConfigMapSettings()
    {
        var settings = Entries("ConfigMap", "data").Where(e => e.Key != "Database__Provider" && e.Key != "Dashboard__KeysDirectory")
            .ToDictionary(e => e.Key.Replace("__", ":"), e => (string?)e.Value);
        settings["Auth:ApiKeys:0:Hash"] = ApiKeys.Hash(ApiKeys.New());
        return settings;
    }

    [Test]
    public void The_container_listens_on_the_modules_ports_and_the_services_expose_each_by_name()
    {
        var ports = ((YamlSequenceNode)At(Container, "ports")).Children.ToDictionary(p => Text(p, "name"), p => int.Parse(Text(p, "containerPort"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(ports, Is.EquivalentTo(ModuleRegistry.DefaultPorts.ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value)));
        var exposed = Documents.Value.Where(d => Text(d, "kind") == "Service")
            .SelectMany(s => ((YamlSequenceNode)At(s, "spec", "ports")).Children)
            .ToDictionary(p => Text(p, "targetPort"), p => int.Parse(Text(p, "port"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(exposed, Is.EquivalentTo(ports), "each port on its contract number, by the container port's name");
    }

    [Test]
    public async Task The_probes_answer_200_on_a_host_started_with_the_configmap()
    {
        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            var port = Text(Container, probe, "httpGet", "port") switch
            {
                "orders" => App.OrdersPort, "payments" => App.PaymentsPort, "notifications" => App.NotificationsPort, "dashboard" => App.DashboardPort,
                var other => throw new AssertionException($"{probe} names port '{other}', which is none of the container's"),
            };
            // As the kubelet does, the probe is tried again until it passes: readiness waits for the databases' migrations.
            var client = App.Client(port);
            var path = Text(Container, probe, "httpGet", "path");
            Assert.That(await Eventually.TrueAsync(async () =>
            {
                using var response = await client.GetAsync(path);
                return response.StatusCode == HttpStatusCode.OK;
            }, TimeSpan.FromSeconds(30)), Is.True, probe);
        }
    }

    [Test]
    public void Every_setting_the_manifests_name_is_one_the_product_documents()
    {
        var documented = DocumentedKeys();
        var named = Entries("ConfigMap", "data").Keys.Concat(Entries("Secret", "stringData").Keys).Select(k => k.Replace("__", ":")).ToList();
        Assert.That(named.Where(key => !key.StartsWith("OTEL_", StringComparison.Ordinal) && !documented.Any(d => d.IsMatch(key))), Is.Empty,
            "not in docs/configuration.md's table");
    }

    [Test]
    public void The_deployment_reads_the_configmap_and_secret_that_exist()
    {
        var sources = ((YamlSequenceNode)At(Container, "envFrom")).Children.Cast<YamlMappingNode>()
            .SelectMany(source => source.Children.Select(reference => (Kind: ((YamlScalarNode)reference.Key).Value, Name: Text(reference.Value, "name"))))
            .ToList();
        Assert.That(sources, Is.EquivalentTo(new[]
        {
            ("configMapRef", Text(Object("ConfigMap"), "metadata", "name")), ("secretRef", Text(Object("Secret"), "metadata", "name")),
        }));
    }

    [Test]
    public void Memory_fits_the_budget_and_the_grace_period_covers_the_drain()
    {
        Assert.That(Text(Container, "resources", "requests", "memory"), Is.EqualTo("256Mi"), "the measured budget");
        Assert.That(Text(Container, "securityContext", "readOnlyRootFilesystem"), Is.EqualTo("true"));
        Assert.That(Text(Object("Deployment"), "spec", "template", "spec", "securityContext", "runAsNonRoot"), Is.EqualTo("true"));
        var settings = Entries("ConfigMap", "data");
        var shutdown = TimeSpan.Parse(settings["HostOptions__ShutdownTimeout"], System.Globalization.CultureInfo.InvariantCulture);
        var delay = TimeSpan.FromSeconds(double.Parse(settings["Shutdown__DrainDelaySeconds"], System.Globalization.CultureInfo.InvariantCulture));
        var grace = TimeSpan.FromSeconds(int.Parse(Text(Object("Deployment"), "spec", "template", "spec", "terminationGracePeriodSeconds"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(delay, Is.LessThan(shutdown), "the delay is part of the shutdown timeout");
        Assert.That(grace, Is.GreaterThan(shutdown), "the kubelet waits for the drain before it kills");
    }

    /// <summary>The keys of docs/configuration.md's table as patterns: <c>{n}</c> any index, <c>{A,B}</c> either, <c>`:Hash`</c> a sibling of the key before it.</summary>
    private static List<Regex> DocumentedKeys()
    {
        var patterns = new List<Regex>();
        foreach (var line in File.ReadLines(Path.Combine(Repository.Root(), "docs", "configuration.md")).Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            string? previous = null;
            foreach (Match token in Regex.Matches(line.Split('|')[1], "`([^`]+)`"))
            {
                var key = token.Groups[1].Value;
                if (key.StartsWith(':') && previous is not null) key = previous[..previous.LastIndexOf(':')] + key;
                previous = key;
                var pattern = Regex.Replace(Regex.Escape(key).Replace(@"\{n}", @"\d+"), @"\\\{([^}]+)}", m => "(" + m.Groups[1].Value.Replace(",", "|") + ")");
                patterns.Add(new Regex($"^{pattern}(:.*)?$", RegexOptions.IgnoreCase));
            }
        }
        return patterns;
    }
}
