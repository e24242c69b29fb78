namespace Ecommerce.Shared.Security;

/// <summary>
/// <c>hash-api-key</c> reads a key (one line of standard input) and prints the value for <c>Auth:ApiKeys:{n}:Hash</c>, alone
/// on standard output so a script can capture it; <c>new-api-key</c> prints a fresh key and, on the next line, its hash.
/// </summary>
public static class ApiKeyCommands
{
    public const string Hash = "hash-api-key";
    public const string New = "new-api-key";

    public static int RunHash(TextReader input, TextWriter output, TextWriter error)
    {
        var key = input.ReadLine()?.Trim();
        if (string.IsNullOrEmpty(key) || key.Length < ApiKeys.MinLength)
        {
            error.WriteLine($"An API key must be at least {ApiKeys.MinLength} characters (new-api-key makes one with 256 random bits).");
            return 1;
        }
        output.WriteLine(ApiKeys.Hash(key));
        return 0;
    }

    public static int RunNew(TextWriter output, TextWriter error)
    {
        var key = ApiKeys.New();
        error.WriteLine("The key (give it to the client; it is shown once), then the value for Auth:ApiKeys:{n}:Hash:");
        output.WriteLine(key);
        output.WriteLine(ApiKeys.Hash(key));
        return 0;
    }
}
