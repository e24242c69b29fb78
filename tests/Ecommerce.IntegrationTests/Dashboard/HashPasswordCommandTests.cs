using System.Diagnostics;
using Ecommerce.Dashboard.Security;

namespace Ecommerce.IntegrationTests.Dashboard;

/// <summary>The host binary's <c>hash-password</c> command, run as an operator would, with the password on standard input.</summary>
[TestFixture]
public sealed class HashPasswordCommandTests
{
    [Test]
    public async Task Given_a_password_on_standard_input_Then_it_prints_a_hash_that_verifies_it_and_starts_nothing()
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, HashPasswordCommand.Name])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false, RedirectStandardError = true,
        })!;
        await process.StandardInput.WriteLineAsync("管理者の合言葉 42");
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        Assert.That(process.ExitCode, Is.EqualTo(0), await process.StandardError.ReadToEndAsync());
        var hash = output.Trim();
        Assert.That(DashboardUsers.IsHash(hash), Is.True, output);
        Assert.That(new DashboardUsers(new DashboardAccess { AdminPasswordHash = hash }).SignIn("admin", "管理者の合言葉 42"), Is.Not.Null);
    }
}
