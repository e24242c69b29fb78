using Ecommerce.Dashboard.Security;
using Ecommerce.Shared.Hosting;
using Microsoft.Extensions.Configuration;

namespace Ecommerce.UnitTests.Dashboard;

public sealed class DashboardUsersTests
{
    private static readonly string ViewerHash = DashboardUsers.Hash("見るだけ");

    private static DashboardAccess Access(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().ReadModuleOptions<DashboardAccess>(DashboardAccess.Section);

    [Test]
    public void Given_a_plain_admin_password_Then_only_that_password_signs_in_the_admin()
    {
        var users = new DashboardUsers(new DashboardAccess { AdminPassword = "s3cret" });
        Assert.That(users.SignIn("admin", "s3cret"), Is.EqualTo(("admin", DashboardRole.Admin)));
        Assert.That(users.SignIn("ADMIN ", "s3cret")?.Name, Is.EqualTo("admin"));
        Assert.That(users.SignIn("admin", "s3cret "), Is.Null);
        Assert.That(users.SignIn("admin", ""), Is.Null);
        Assert.That(users.SignIn("someone", "s3cret"), Is.Null);
    }

    [Test]
    public void Given_a_hash_from_hash_password_Then_the_password_verifies_and_others_do_not()
    {
        var hash = DashboardUsers.Hash("田中の合言葉");
        Assert.That(DashboardUsers.IsHash(hash), Is.True);
        var users = new DashboardUsers(new DashboardAccess { AdminPasswordHash = hash });
        Assert.That(users.SignIn("admin", "田中の合言葉")?.Role, Is.EqualTo(DashboardRole.Admin));
        Assert.That(users.SignIn("admin", "wrong"), Is.Null);
    }

    [TestCase("plain text")]
    [TestCase("AAAA")]
    public void Given_a_hash_setting_that_is_not_a_hash_Then_it_is_refused(string value) =>
        Assert.That(DashboardUsers.IsHash(value), Is.False);

    [Test]
    public void Given_users_with_roles_Then_each_signs_in_with_their_own_password_and_role()
    {
        var access = Access(new()
        {
            ["Dashboard:AdminPassword"] = "admin-pass",
            ["Dashboard:Users:0:Name"] = "閲覧者", ["Dashboard:Users:0:PasswordHash"] = ViewerHash, ["Dashboard:Users:0:Role"] = "viewer",
            ["Dashboard:Users:1:Name"] = "Ops", ["Dashboard:Users:1:PasswordHash"] = DashboardUsers.Hash("ship it"), ["Dashboard:Users:1:Role"] = "Operator",
        });
        Assert.That(access.Mode, Is.EqualTo(DashboardAccessMode.Login));
        var users = new DashboardUsers(access);
        Assert.That(users.SignIn("閲覧者", "見るだけ"), Is.EqualTo(("閲覧者", DashboardRole.Viewer)));
        Assert.That(users.SignIn("ops", "ship it"), Is.EqualTo(("Ops", DashboardRole.Operator)), "names ignore case, the configured spelling is kept");
        Assert.That(users.SignIn("Ops", "見るだけ"), Is.Null, "another user's password");
        Assert.That(users.SignIn("admin", "admin-pass")?.Role, Is.EqualTo(DashboardRole.Admin));
    }

    [TestCase("Role", "owner", "Dashboard:Users:0:Role must be viewer, operator or admin")]
    [TestCase("Role", null, "Dashboard:Users:0:Role must be viewer, operator or admin")]
    [TestCase("Name", "admin", "Dashboard:Users:0:Name 'admin' is taken")]
    [TestCase("Name", " ", "Dashboard:Users:0:Name is required")]
    [TestCase("PasswordHash", "plain", "Dashboard:Users:0:PasswordHash is not a password hash")]
    public void Given_a_bad_user_entry_Then_the_start_stops_naming_its_key(string key, string? value, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Dashboard:AdminPassword"] = "admin-pass",
            ["Dashboard:Users:0:Name"] = "viewer", ["Dashboard:Users:0:PasswordHash"] = ViewerHash, ["Dashboard:Users:0:Role"] = "viewer",
            [$"Dashboard:Users:0:{key}"] = value,
        };
        Assert.That(() => Access(settings), Throws.InvalidOperationException.With.Message.Contains(message));
    }

    [Test]
    public void Given_two_users_with_one_name_in_different_case_Then_the_start_stops()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Dashboard:Users:0:Name"] = "Kim", ["Dashboard:Users:0:PasswordHash"] = ViewerHash, ["Dashboard:Users:0:Role"] = "viewer",
            ["Dashboard:Users:1:Name"] = "kim", ["Dashboard:Users:1:PasswordHash"] = ViewerHash, ["Dashboard:Users:1:Role"] = "admin",
        };
        Assert.That(() => Access(settings), Throws.InvalidOperationException.With.Message.Contains("Dashboard:Users:1:Name 'kim' is taken"));
    }

    [Test]
    public void Given_roles_Then_each_may_do_what_the_ones_below_it_may()
    {
        Assert.That(DashboardUser.From(DashboardUser.Principal("v", DashboardRole.Viewer)), Is.EqualTo(("v", DashboardRole.Viewer)));
        Assert.That(DashboardUser.From(DashboardUser.Principal("o", DashboardRole.Operator)).Role, Is.GreaterThan(DashboardRole.Viewer));
        Assert.That(DashboardUser.From(DashboardUser.Principal("a", DashboardRole.Admin)).Role, Is.GreaterThan(DashboardRole.Operator));
        Assert.That(DashboardUser.From(null), Is.EqualTo(((string?)null, DashboardRole.Viewer)), "no session, no rights");
    }

    [Test]
    public void Given_pages_Then_the_ones_that_change_orders_need_an_operator_and_reading_needs_a_viewer()
    {
        Assert.That(RequiresRoleAttribute.Of(typeof(Ecommerce.Dashboard.Components.Pages.NewOrder)), Is.EqualTo(DashboardRole.Operator));
        Assert.That(RequiresRoleAttribute.Of(typeof(Ecommerce.Dashboard.Components.Pages.Import)), Is.EqualTo(DashboardRole.Operator));
        Assert.That(RequiresRoleAttribute.Of(typeof(Ecommerce.Dashboard.Components.Pages.Orders)), Is.EqualTo(DashboardRole.Viewer));
    }
}
