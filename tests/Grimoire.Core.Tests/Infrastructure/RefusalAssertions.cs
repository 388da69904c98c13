using Grimoire.Core.Refusals;

namespace Grimoire.Core.Tests.Infrastructure;

/// <summary>
/// A service call that must be refused: it throws a <see cref="RefusalException"/> (docs/decisions/0010), whose
/// message and kind the test then reads. Fails the test when the call goes through.
/// </summary>
public static class RefusalAssertions
{
    public static Task<RefusalException> RefusedAsync<T>(this Task<T> call) => Assert.ThrowsAnyAsync<RefusalException>(() => call);

    public static Task<RefusalException> RefusedAsync(this Task call) => Assert.ThrowsAnyAsync<RefusalException>(() => call);
}
