using Ecommerce.Shared.Validation;

namespace Ecommerce.UnitTests.Shared;

/// <summary>The CPython positions and messages listed in shared/spec/fastapi-errors.md §3.</summary>
public sealed class PythonJsonSyntaxTests
{
    [TestCase("""{"a":""", 5, "Expecting value")]
    [TestCase("{some broken json}", 1, "Expecting property name enclosed in double quotes")]
    [TestCase("[1,2", 4, "Expecting ',' delimiter")]
    [TestCase("""{"a":1} x""", 8, "Extra data")]
    [TestCase("""{"a":1,}""", 7, "Expecting property name enclosed in double quotes")]
    [TestCase("  ", 2, "Expecting value")]
    [TestCase("""{"a" 1}""", 5, "Expecting ':' delimiter")]
    [TestCase("""{"a": "abc""", 6, "Unterminated string starting at")]
    [TestCase("""{"名前": x}""", 7, "Expecting value")]
    [TestCase("01", 1, "Extra data")]
    public void Given_broken_json_Then_cpythons_position_and_message(string text, int position, string message) =>
        Assert.That(PythonJsonSyntax.FindError(text), Is.EqualTo((position, message)));

    [TestCase("""{"a": [1, 2.5, -3e2, true, false, null, "x\n\u00e9"], "b": {}}""")]
    [TestCase("[]")]
    [TestCase(" 5 ")]
    [TestCase("NaN")]
    public void Given_valid_json_Then_no_error(string text) => Assert.That(PythonJsonSyntax.FindError(text), Is.Null);
}

public sealed class LaxIntTests
{
    [TestCase(" 5 ", 5)]
    [TestCase("+5", 5)]
    [TestCase("1_0", 10)]
    [TestCase("1.0", 1)]
    [TestCase("-3", -3)]
    public void Given_text_python_accepts_Then_it_parses(string text, long expected)
    {
        Assert.That(LaxInt.TryParse(text, out var value), Is.True);
        Assert.That(value, Is.EqualTo(expected));
    }

    [TestCase("1.5")]
    [TestCase("0x10")]
    [TestCase("")]
    [TestCase("abc")]
    [TestCase("1__0")]
    public void Given_text_python_refuses_Then_it_does_not_parse(string text) => Assert.That(LaxInt.TryParse(text, out _), Is.False);
}

public sealed class EmailAddressTests
{
    [TestCase("x", "An email address must have an @-sign.")]
    [TestCase("a@", "There must be something after the @-sign.")]
    [TestCase("user@localhost", "The part after the @-sign is not valid. It should have a period.")]
    [TestCase("a b@x.com", "The email address contains invalid characters before the @-sign: SPACE.")]
    public void Given_an_invalid_address_Then_email_validators_reason(string address, string reason)
    {
        Assert.That(EmailAddress.TryNormalize(address, out _, out var actual), Is.False);
        Assert.That(actual, Is.EqualTo(reason));
    }

    [Test]
    public void Given_a_valid_address_Then_it_is_trimmed_and_its_domain_lower_cased()
    {
        Assert.That(EmailAddress.TryNormalize("  Foo@EXAMPLE.com ", out var email, out _), Is.True);
        Assert.That(email, Is.EqualTo("Foo@example.com"));
    }
}
