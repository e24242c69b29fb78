using System.Diagnostics;
using System.Runtime.CompilerServices;
using Ecommerce.Shared.Outbox;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// OpenTelemetry, on when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (with <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>,
/// <c>OTEL_SERVICE_NAME</c> and the SDK's other variables, read from configuration): traces of requests, calls between
/// modules (they carry <c>traceparent</c>, so one order's chain is one trace) and EF Core commands; metrics of ASP.NET
/// Core, HttpClient and the product's own meters (<see cref="MeterPrefix"/>*), all over OTLP. Off, nothing of the SDK is
/// loaded: the product's instruments cost nothing while no listener reads them.
/// </summary>
public static partial class Telemetry
{
    /// <summary>Each module's meter is named <c>Ecommerce.{Module}</c>.</summary>
    public const string MeterPrefix = "Ecommerce.";

    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointVariable])) return;
        Export(builder);
    }

    /// <summary>The activity a database command runs under, whether the filter sees the command's own activity or its parent.</summary>
    private static Activity? AmbientOf(Activity? current) =>
        current is { Kind: ActivityKind.Client } && current.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal) ? current.Parent : current;

    /// <summary>The statement's verb and its first table: <c>UPDATE owed_emails</c>.</summary>
    internal static string DatabaseSpanName(string sql)
    {
        var trimmed = sql.AsSpan().TrimStart();
        var verb = trimmed[..Math.Max(0, trimmed.IndexOfAny(' ', '\n', '\r') is var end and > 0 ? end : trimmed.Length)].ToString().ToUpperInvariant();
        var table = TableName().Match(sql);
        return table.Success ? $"{verb} {table.Groups["table"].Value}" : verb;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:FROM|INTO|UPDATE)\s+(?:""?\w+""?\.)?""?(?<table>\w+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.NonBacktracking | System.Text.RegularExpressions.RegexOptions.ExplicitCapture)]
    private static partial System.Text.RegularExpressions.Regex TableName();

    // Its own method, not inlined: the SDK's assemblies are loaded only when this runs.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Export(WebApplicationBuilder builder)
    {
        var modules = (ModuleRegistry)builder.Host.Properties[typeof(ModuleRegistry)];
        var named = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]);
        builder.Services.AddOpenTelemetry()
            // OTEL_SERVICE_NAME, when set, names the process (e.g. one per module when they are split); else "ecommerce".
            .ConfigureResource(resource => { if (!named) resource.AddService("ecommerce"); })
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspnet => aspnet.EnrichWithHttpRequest = (activity, request) =>
                    activity.SetTag("ecommerce.module", modules.ModuleAt(request.HttpContext.Connection.LocalPort)))
                .AddHttpClientInstrumentation()
                .AddSource(WorkRound.Source.Name)
                .AddEntityFrameworkCoreInstrumentation(ef =>
                {
                    // Only under a request or a busy owed-work round: an idle host's polls and clean-ups export nothing.
                    ef.Filter = (_, _) => WorkRound.Records(AmbientOf(Activity.Current));
                    // "SELECT orders", not the database's name ("main" for every SQLite file).
                    ef.EnrichWithIDbCommand = (activity, command) => activity.DisplayName = DatabaseSpanName(command.CommandText);
                })
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(MeterPrefix + "*")
                .AddOtlpExporter());
    }
}
