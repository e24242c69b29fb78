using System.Runtime.InteropServices;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// glibc gives each new thread its own malloc arena (up to 8 per core), and memory freed into one arena is not
/// reused by the others. SQLite, the JIT and the runtime all malloc from thread-pool threads, so under load the
/// arenas hold several MiB of free memory each. Two arenas (the effect of <c>MALLOC_ARENA_MAX=2</c>, a common
/// setting for .NET in containers) measured 5 MiB less peak RSS in the orders benchmark and no loss of throughput.
/// Set from inside the process so every way of starting it gets it; an environment value, if any, wins.
/// </summary>
public static partial class MallocArenas
{
    private const int ArenaMaxOption = -8;   // M_ARENA_MAX in malloc.h

    public static void Limit(int arenas = 2)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null) return;
        try
        {
            mallopt(ArenaMaxOption, arenas);
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no arenas): nothing to limit.
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int option, int value);
}
