namespace Ecommerce.Shared.Validation;

/// <summary>
/// The checks of pydantic's EmailStr (python-email-validator 2.2+) that clients meet in practice, with its reasons,
/// and its normalisation: surrounding spaces stripped, domain lower-cased.
/// </summary>
public static class EmailAddress
{
    private const string LocalSpecials = "!#$%&'*+-/=?^_`{|}~.";

    public static bool TryNormalize(string raw, out string normalized, out string reason)
    {
        normalized = "";
        var email = raw.Trim();
        var at = email.LastIndexOf('@');
        if (at < 0) return Fail("An email address must have an @-sign.", out reason);
        var local = email[..at];
        var domain = email[(at + 1)..];
        if (local.Length == 0) return Fail("There must be something before the @-sign.", out reason);
        if (domain.Length == 0) return Fail("There must be something after the @-sign.", out reason);

        if (!All(local, IsLocal))
            return Fail($"The email address contains invalid characters before the @-sign: {Describe(local, IsLocal)}.", out reason);
        if (local.StartsWith('.')) return Fail("An email address cannot start with a period.", out reason);
        if (local.EndsWith('.')) return Fail("An email address cannot have a period immediately before the @-sign.", out reason);
        if (local.Contains("..")) return Fail("An email address cannot have two periods in a row.", out reason);

        if (!All(domain, IsDomain))
            return Fail($"The part after the @-sign contains invalid characters: {Describe(domain, IsDomain)}.", out reason);
        if (domain.StartsWith('.')) return Fail("An email address cannot have a period immediately after the @-sign.", out reason);
        if (domain.EndsWith('.')) return Fail("An email address cannot end with a period.", out reason);
        if (domain.Contains("..")) return Fail("An email address cannot have two periods in a row.", out reason);
        if (!domain.Contains('.')) return Fail("The part after the @-sign is not valid. It should have a period.", out reason);

        normalized = $"{local}@{domain.ToLowerInvariant()}";
        reason = "";
        return true;
    }

    private static bool Fail(string message, out string reason)
    {
        reason = message;
        return false;
    }

    private static bool IsLocal(char c) => char.IsLetterOrDigit(c) || LocalSpecials.Contains(c) || c > 127;

    private static bool IsDomain(char c) => char.IsLetterOrDigit(c) || c is '-' or '.';

    // Checked before the invalid characters are listed: every order's address passes here, nearly always valid.
    private static bool All(string text, Func<char, bool> allowed)
    {
        foreach (var c in text)
            if (!allowed(c)) return false;
        return true;
    }

    private static string Describe(string text, Func<char, bool> allowed) =>
        string.Join(", ", text.Where(c => !allowed(c)).Distinct().Select(c => c switch { ' ' => "SPACE", '\t' => "TAB", _ => $"'{c}'" }));
}
