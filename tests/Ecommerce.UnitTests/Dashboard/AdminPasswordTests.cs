using System.Net;
using Ecommerce.Dashboard.Security;
using Microsoft.Extensions.Time.Testing;

namespace Ecommerce.UnitTests.Dashboard;

public sealed class AdminPasswordTests
{
    [Test]
    public void Given_a_plain_password_setting_Then_only_that_password_verifies()
    {
        var password = new AdminPassword(new DashboardAccess { AdminPassword = "s3cret" });
        Assert.That(password.Verify("s3cret"), Is.True);
        Assert.That(password.Verify("s3cret "), Is.False);
        Assert.That(password.Verify(""), Is.False);
    }

    [Test]
    public void Given_a_hash_from_hash_password_Then_the_password_verifies_and_others_do_not()
    {
        var hash = AdminPassword.Hash("田中の合言葉");
        Assert.That(AdminPassword.IsHash(hash), Is.True);
        var password = new AdminPassword(new DashboardAccess { AdminPasswordHash = hash });
        Assert.That(password.Verify("田中の合言葉"), Is.True);
        Assert.That(password.Verify("wrong"), Is.False);
    }

    [TestCase("plain text")]
    [TestCase("AAAA")]
    public void Given_a_hash_setting_that_is_not_a_hash_Then_it_is_refused(string value) =>
        Assert.That(AdminPassword.IsHash(value), Is.False);
}
