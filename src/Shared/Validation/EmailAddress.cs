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

        var badLocal = local.Where(c => !(char.IsLetterOrDigit(c) || LocalSpecials.Contains(c) || c > 127)).Distinct().ToList();
        if (badLocal.Count > 0)
            return Fail($"The email address contains invalid characters before the @-sign: {Describe(badLocal)}.", out reason);
        if (local.StartsWith('.')) return Fail("An email address cannot start with a period.", out reason);
        if (local.EndsWith('.')) return Fail("An email address cannot have a period immediately before the @-sign.", out reason);
        if (local.Contains("..")) return Fail("An email address cannot have two periods in a row.", out reason);

        var badDomain = domain.Where(c => !(char.IsLetterOrDigit(c) || c is '-' or '.')).Distinct().ToList();
        if (badDomain.Count > 0)
            return Fail($"The part after the @-sign contains invalid characters: {Describe(badDomain)}.", out reason);
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

    private static string Describe(IEnumerable<char> chars) =>
        string.Join(", ", chars.Select(c => c switch { ' ' => "SPACE", '\t' => "TAB", _ => $"'{c}'" }));
}
