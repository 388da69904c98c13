using System.Text;
using Grimoire.Core.Keys;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Keys;

/// <summary>Minting per-student keys against the fake OpenRouter, on both databases (AC2.3, AC2.4, AC2.5).</summary>
public abstract class KeyMintingTests<TDatabase> : KeyDatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task Minting_stores_the_key_encrypted_with_its_hash_and_the_course_budget_never_the_plain_key_AC2_4_AC2_5()
    {
        var row = await MintedKeyAsync(Alex);

        var minted = Assert.Single(Fake.LiveKeys);
        Assert.Equal($"Grimoire {Course.Code} {Alex.Email}", minted.Name);
        Assert.Equal((5m, "weekly"), (minted.Limit, minted.LimitReset));
        Assert.Equal(KeysExpireOn.AddDays(1).ToString("yyyy-MM-dd", null) + "T00:00:00Z", minted.ExpiresAt);

        Assert.Equal(minted.Hash, row.ProviderKeyHash);
        Assert.Equal(("openrouter", 5m, BudgetResetPeriod.Weekly, false, (DateTime?)null), (row.Provider, row.BudgetLimit, row.BudgetResetPeriod, row.IsDisabled, row.RevokedAt));
        Assert.Equal(KeysExpireOn.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), row.ExpiresAt);
        Assert.Equal("demo", row.EncryptionKeyId);
        var plain = Encoding.UTF8.GetBytes(minted.Plain);
        Assert.Equal(-1, row.EncryptedKey.AsSpan().IndexOf(plain));
        Assert.Equal(-1, row.EncryptedKey.AsSpan().IndexOf(plain.AsSpan(9, 16)));
        Assert.Equal(12 + 16 + plain.Length, row.EncryptedKey.Length);
        Assert.Equal(minted.Plain, Db.Get<KeyVault>().Decrypt(row));
        Assert.Equal([$"POST /api/v1/keys"], Fake.Calls);
        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task Expiry_defaults_to_the_end_of_the_courses_last_day()
    {
        await using (var db = Db.CreateContext())
        {
            await db.Courses.Where(c => c.Id == Course.Id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.DefaultKeyExpiresOn, (DateOnly?)null)
                .SetProperty(c => c.EndsOn, new DateOnly(2099, 6, 30)), Ct);
        }

        var row = await MintedKeyAsync(Alex);

        Assert.Equal(new DateTime(2099, 7, 1, 0, 0, 0, DateTimeKind.Utc), row.ExpiresAt);
        Assert.Equal("2099-07-01T00:00:00Z", Fake.LiveKeys.Single().ExpiresAt);
    }

    [Fact]
    public async Task A_student_with_a_live_key_keeps_it()
    {
        var first = await MintedKeyAsync(Alex);

        var again = await Keys.MintAsync(Instructor.Id, Course.Id, Alex.Id, "openrouter", Ct);

        Assert.Equal((KeyMintOutcome.AlreadyHadKey, first.Id), (again.Outcome, again.KeyId));
        Assert.Single(Fake.Keys);
    }

    [Fact]
    public async Task When_saving_fails_after_minting_the_new_key_is_revoked_at_the_provider()
    {
        // A stored row already holds the hash the provider will hand out next: the insert breaks the unique index.
        await using (var db = Db.CreateContext())
        {
            db.StudentApiKeys.Add(new StudentApiKey
            {
                CourseId = OtherCourse.Id, UserId = OtherStudent.Id, Provider = "openrouter", EncryptedKey = [1],
                EncryptionKeyId = "demo", ProviderKeyHash = "colliding-hash", RevokedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
        }

        Fake.NextHash = "colliding-hash";

        var result = await Keys.MintAsync(Instructor.Id, Course.Id, Alex.Id, "openrouter", Ct);

        Assert.Equal(KeyMintOutcome.Failed, result.Outcome);
        Assert.Contains("could not be saved, so it was revoked", result.Reason, StringComparison.Ordinal);
        var minted = Assert.Single(Fake.Keys);
        Assert.True(minted.Deleted);
        Assert.Equal(["POST /api/v1/keys", "DELETE /api/v1/keys/colliding-hash"], Fake.Calls);
        Assert.Empty(await KeysOfAsync(Alex.Id));
        Assert.DoesNotContain(minted.Plain, result.Reason, StringComparison.Ordinal);
        AssertNoSecretsLogged();
    }

    [Fact]
    public async Task A_batch_reports_each_student_and_a_retry_mints_only_the_missing_one_without_duplicates()
    {
        var added = await AddStudentsAsync(197);
        Fake.FailCreateFor.Add(added[16].Email);

        var first = await Keys.MintMissingAsync(Instructor.Id, Course.Id, "openrouter", Ct);

        Assert.Equal(200, first.Count);
        Assert.Equal(199, first.Count(r => r.Outcome == KeyMintOutcome.Minted));
        var failed = Assert.Single(first, r => r.Outcome == KeyMintOutcome.Failed);
        Assert.Equal((added[16].Id, added[16].Email), (failed.StudentId, failed.Email));
        Assert.Contains("OpenRouter had a problem (500)", failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(first, r => r.StudentId == Instructor.Id);

        Fake.FailCreateFor.Clear();
        var retry = await Keys.MintMissingAsync(Instructor.Id, Course.Id, "openrouter", Ct);

        Assert.Equal(KeyMintOutcome.Minted, Assert.Single(retry, r => r.StudentId == added[16].Id).Outcome);
        Assert.Equal(199, retry.Count(r => r.Outcome == KeyMintOutcome.AlreadyHadKey));
        Assert.Equal(200, Fake.LiveKeys.Count);
        await using var db = Db.CreateContext();
        var rows = await db.StudentApiKeys.Where(k => k.CourseId == Course.Id).ToListAsync(Ct);
        Assert.Equal(200, rows.Count);
        Assert.Equal(200, rows.Select(k => k.UserId).Distinct().Count());
        Assert.Equal(Fake.LiveKeys.Select(k => k.Hash).Order(), rows.Select(k => k.ProviderKeyHash).Order());
    }

    [Fact]
    public async Task A_rejected_management_key_stops_the_batch_and_reports_the_rest_as_not_attempted()
    {
        Db.Get<Microsoft.Extensions.Options.IOptions<Grimoire.Llm.GrimoireProvidersOptions>>().Value.OpenRouter.ManagementKey = "sk-or-v1-wrong";

        var results = await Keys.MintMissingAsync(Instructor.Id, Course.Id, "openrouter", Ct);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(KeyMintOutcome.Failed, r.Outcome));
        Assert.Contains("rejected the management key", results[0].Reason, StringComparison.Ordinal);
        Assert.All(results.Skip(1), r => Assert.StartsWith("Not attempted:", r.Reason, StringComparison.Ordinal));
        Assert.Single(Fake.Calls);
    }

    [Fact]
    public async Task Minting_needs_a_course_budget_and_an_openrouter_provider()
    {
        await Assert.ThrowsAsync<KeyProvisioningException>(() => Keys.MintAsync(Instructor.Id, Course.Id, Alex.Id, "anthropic", Ct));
        await using (var db = Db.CreateContext())
        {
            await db.Courses.Where(c => c.Id == Course.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.DefaultKeyBudget, (decimal?)null), Ct);
        }

        var ex = await Assert.ThrowsAsync<KeyProvisioningException>(() => Keys.MintMissingAsync(Instructor.Id, Course.Id, "openrouter", Ct));
        Assert.Contains("default key budget", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Fake.Calls);
    }

    [Fact]
    public async Task An_archived_course_gets_no_new_keys()
    {
        await using (var db = Db.CreateContext())
        {
            await db.Courses.Where(c => c.Id == Course.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsArchived, true), Ct);
        }

        var ex = await Assert.ThrowsAsync<KeyProvisioningException>(() => Keys.MintAsync(Instructor.Id, Course.Id, Alex.Id, "openrouter", Ct));

        Assert.Contains("archived", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Fake.Calls);
    }
}

public sealed class KeyMintingTestsOnSqlite : KeyMintingTests<SqliteTestDatabase>;

public sealed class KeyMintingTestsOnPostgres : KeyMintingTests<PostgresTestDatabase>;
