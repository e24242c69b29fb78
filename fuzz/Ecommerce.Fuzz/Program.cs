using Ecommerce.Fuzz;
using SharpFuzz;

// Ecommerce.Fuzz TARGET            — under afl-fuzz (see run.sh): one input per run from standard input
// Ecommerce.Fuzz TARGET FILE...    — replays saved inputs (a crash AFL found) and prints what each one throws
if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: Ecommerce.Fuzz {{{string.Join('|', Targets.All.Keys)}}} [input files to replay]");
    return 2;
}

if (args.Length > 1)
{
    var failed = 0;
    foreach (var file in args[1..])
    {
        try
        {
            target(File.ReadAllBytes(file));
            Console.WriteLine($"ok    {file}");
        }
        catch (Exception exception)
        {
            failed++;
            Console.WriteLine($"FAIL  {file}: {exception}");
        }
    }
    return failed == 0 ? 0 : 1;
}

// Out of process: a stack overflow in the target ends a child that AFL sees crash, not the fuzzer itself.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;
