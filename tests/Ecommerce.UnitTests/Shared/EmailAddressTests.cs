using System.Text;
using Ecommerce.Shared.Validation;

namespace Ecommerce.UnitTests.Shared;

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
