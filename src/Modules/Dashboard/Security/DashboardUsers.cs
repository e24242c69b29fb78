using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Ecommerce.Dashboard.Security;

/// <summary>
/// The dashboard's users (<c>Dashboard:Users</c>, plus the admin password as the user <c>admin</c>): checks a name and a
/// password and answers with the user's role. An unknown name costs the same hash check as a known one, so the time an
/// answer takes does not tell which names exist.
/// </summary>
public sealed class DashboardUsers
{
    public const string AdminName = "admin";

    private static readonly PasswordHasher<DashboardUsers> Hasher = new();
    private static readonly string DecoyHash = Hasher.HashPassword(null!, RandomNumberGenerator.GetHexString(32));

    private readonly Dictionary<string, (string Name, string Hash, DashboardRole Role)> _byName;
    private readonly string? _plainAdminPassword;

    public DashboardUsers(DashboardAccess access)
    {
        _byName = access.Users.ToDictionary(u => u.Name.Trim(), u => (u.Name.Trim(), u.PasswordHash, u.ParsedRole ?? DashboardRole.Viewer), StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(access.AdminPasswordHash)) _byName[AdminName] = (AdminName, access.AdminPasswordHash, DashboardRole.Admin);
        _plainAdminPassword = access.AdminPassword is { Length: > 0 } plain ? plain : null;
    }

    /// <summary>The user as configured (its name as written there) when <paramref name="password"/> is theirs; else null.</summary>
    public (string Name, DashboardRole Role)? SignIn(string name, string password)
    {
        name = name.Trim();
        if (_plainAdminPassword is not null && string.Equals(name, AdminName, StringComparison.OrdinalIgnoreCase))
            // Hashing both sides first makes the comparison independent of the lengths too.
            return CryptographicOperations.FixedTimeEquals(
                SHA256.HashData(Encoding.UTF8.GetBytes(password)), SHA256.HashData(Encoding.UTF8.GetBytes(_plainAdminPassword)))
                ? (AdminName, DashboardRole.Admin)
                : null;
        var known = _byName.TryGetValue(name, out var user);
        var verified = Hasher.VerifyHashedPassword(this, known ? user.Hash : DecoyHash, password) != PasswordVerificationResult.Failed;
        return known && verified ? (user.Name, user.Role) : null;
    }

    /// <summary>A hash for <c>PasswordHash</c> settings (PBKDF2 with a random salt, Identity's v3 format).</summary>
    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static bool IsHash(string value)
    {
        try
        {
            var bytes = Convert.FromBase64String(value);
            return bytes.Length > 13 && bytes[0] == 0x01; // format marker of Identity v3 hashes
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
