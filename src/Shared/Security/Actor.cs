namespace Ecommerce.Shared.Security;

/// <summary>
/// Who is behind the work of the current scope, for the audit log: the API caller (a key's name, <c>module:Payments</c>,
/// <c>token:{sub}</c>), <c>anonymous</c> for a request while API authentication is off, <c>system</c> for a background
/// worker (recovery, owed work). Set once per request, before any handler runs.
/// </summary>
public sealed class Actor
{
    public const string Anonymous = "anonymous";
    public const string System = "system";

    public string Name { get; set; } = System;
}
