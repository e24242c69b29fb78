using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Ecommerce.Dashboard.Security;

/// <summary>Checks the admin password against the configured plain text or Identity hash, in constant time either way.</summary>
public sealed class AdminPassword(DashboardAccess access)
{
    private static readonly PasswordHasher<AdminPassword> Hasher = new();

    public bool Verify(string candidate)
    {
        if (!string.IsNullOrEmpty(access.AdminPasswordHash))
            return Hasher.VerifyHashedPassword(this, access.AdminPasswordHash, candidate) != PasswordVerificationResult.Failed;
        if (string.IsNullOrEmpty(access.AdminPassword)) return false;
        // Hashing both sides first makes the comparison independent of the lengths too.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(candidate)), SHA256.HashData(Encoding.UTF8.GetBytes(access.AdminPassword)));
    }

    /// <summary>A hash for <c>Dashboard:AdminPasswordHash</c> (PBKDF2 with a random salt, Identity's v3 format).</summary>
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
