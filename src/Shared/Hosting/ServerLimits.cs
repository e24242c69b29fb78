using System.Reflection;
using Ecommerce.Shared.Errors;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// What one client may cost the server, set on purpose rather than left to defaults (configuration section
/// <c>Limits</c>; every value can be raised for a trusted network). Kestrel itself refuses what breaks a connection-level
/// limit before any middleware runs (431 for headers, 414 for the request line, 408 or a closed connection for a slow
/// sender); a request still being handled after its timeout is answered 504 with a <c>{"detail"}</c>.
/// </summary>
public sealed class ServerLimits : IModuleOptions
{
    public const string Section = "Limits";

    public const string BulkTimeoutPolicy = "bulk";

    /// <summary>All request headers together.</summary>
    public int MaxRequestHeaderBytes { get; init; } = 32 * 1024;
    public int MaxRequestHeaderCount { get; init; } = 100;
    /// <summary>Method, path and query string.</summary>
    public int MaxRequestLineBytes { get; init; } = 8 * 1024;
    /// <summary>Open connections per port; beyond it a new connection is closed at once (file descriptors stay bounded).</summary>
    public int MaxConnectionsPerPort { get; init; } = 5_000;
    /// <summary>A body arriving slower than this, after the grace period, ends the request (a slow sender cannot pin a connection).</summary>
    public int MinBodyBytesPerSecond { get; init; } = 240;
    public int BodyRateGraceSeconds { get; init; } = 5;
    public int RequestHeadersTimeoutSeconds { get; init; } = 30;
    public int KeepAliveTimeoutSeconds { get; init; } = 130;
    /// <summary>
    /// Handling of one API request, above the longest chain a request can wait for (Payments 30 s + Notifications 10 s).
    /// It stops what waits on the request (reading the body, queries); an order chain already under way is finished, not cut.
    /// </summary>
    public int RequestTimeoutSeconds { get; init; } = 60;
    /// <summary>Handling of one bulk or batch request (up to 10,000 items).</summary>
    public int BulkRequestTimeoutSeconds { get; init; } = 600;

    /// <summary>Every limit a positive whole number; the body rate's grace at least 2 s.</summary>
    public IEnumerable<string> Problems()
    {
        var limits = typeof(ServerLimits).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(int));
        foreach (var property in limits)
            foreach (var problem in ModuleOptions.Positive($"Limits:{property.Name}", (int)property.GetValue(this)!)) yield return problem;
        if (BodyRateGraceSeconds is 1) yield return "Limits:BodyRateGraceSeconds must be at least 2 (Kestrel needs a grace period over 1 s).";
    }

    internal void ApplyTo(KestrelServerLimits kestrel)
    {
        kestrel.MaxRequestHeadersTotalSize = MaxRequestHeaderBytes;
        kestrel.MaxRequestHeaderCount = MaxRequestHeaderCount;
        kestrel.MaxRequestLineSize = MaxRequestLineBytes;
        kestrel.MaxConcurrentConnections = MaxConnectionsPerPort;
        kestrel.MaxConcurrentUpgradedConnections = MaxConnectionsPerPort;
        kestrel.MinRequestBodyDataRate = new MinDataRate(MinBodyBytesPerSecond, TimeSpan.FromSeconds(BodyRateGraceSeconds));
        kestrel.RequestHeadersTimeout = TimeSpan.FromSeconds(RequestHeadersTimeoutSeconds);
        kestrel.KeepAliveTimeout = TimeSpan.FromSeconds(KeepAliveTimeoutSeconds);
    }

    /// <summary>Every endpoint gets the request timeout; bulk endpoints theirs; the dashboard's long-lived circuit opts out.</summary>
    internal void AddRequestTimeouts(IServiceCollection services) => services.AddRequestTimeouts(options =>
    {
        options.DefaultPolicy = Policy(RequestTimeoutSeconds);
        options.AddPolicy(BulkTimeoutPolicy, Policy(BulkRequestTimeoutSeconds));
    });

    private static RequestTimeoutPolicy Policy(int seconds) => new()
    {
        Timeout = TimeSpan.FromSeconds(seconds),
        TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        WriteTimeoutResponse = context => ErrorBody.WriteAsync(context, StatusCodes.Status504GatewayTimeout,
            $"The request was not answered within {seconds} s and was stopped"),
    };
}
