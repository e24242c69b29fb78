using Ecommerce.Notifications.Delivery;

namespace Ecommerce.UnitTests.Notifications;

public sealed class RecipientMaskTests
{
    [TestCase("tanaka@example.co.jp", "t*****@example.co.jp")]
    [TestCase("a@example.com", "a*@example.com")]
    [TestCase("+819012345678", "+81*******678")]
    public void Given_a_recipient_Then_the_log_sees_only_enough_to_recognise_it(string recipient, string masked) =>
        Assert.That(LoggedDelivery.Mask(recipient), Is.EqualTo(masked));
}
