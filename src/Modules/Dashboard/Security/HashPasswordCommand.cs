using System.Text;

namespace Ecommerce.Dashboard.Security;

/// <summary>
/// <c>dotnet run --project src/Host -- hash-password</c>: reads a password (typed twice without echo, or one line from
/// standard input) and prints the value for <c>Dashboard:AdminPasswordHash</c> or a user's <c>Dashboard:Users:{n}:PasswordHash</c>.
/// </summary>
public static class HashPasswordCommand
{
    public const string Name = "hash-password";

    public static int Run()
    {
        string? password;
        if (Console.IsInputRedirected) password = Console.In.ReadLine();
        else
        {
            password = ReadHidden("Password: ");
            if (password != ReadHidden("Again: "))
            {
                Console.Error.WriteLine("The two passwords differ.");
                return 1;
            }
        }
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine("An empty password cannot protect anything.");
            return 1;
        }
        Console.WriteLine(DashboardUsers.Hash(password));
        return 0;
    }

    private static string ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var text = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; }
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        Console.Error.WriteLine();
        return text.ToString();
    }
}
