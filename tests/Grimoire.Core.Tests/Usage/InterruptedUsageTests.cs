using Grimoire.Core.Audit;
using Grimoire.Core.Data;
using Grimoire.Core.Playground;
using Grimoire.Core.Tests.Audit;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Usage;

/// <summary>
/// An answer the start-up sweep marks interrupted gets its usage row in the same change (issue 13, X1): status
/// interrupted, tokens estimated from what was sent and what arrived, the cost from the model's prices (source stated),
/// or unknown when the model has none.
/// </summary>
public abstract class InterruptedUsageTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task A_swept_answer_gets_an_interrupted_usage_row_with_estimated_tokens_and_price_list_cost_X1()
    {
        var owner = SampleData.User();
        var course = SampleData.Course();
        var model = SampleData.Model(course);
        var conversation = SampleData.Conversation(SampleData.Workspace(course), course, owner);
        var question = SampleData.Question(conversation, owner, 1, "What is a binary search, in two sentences?");
        var answer = PlaygroundMessage.StartAnswer(conversation.Id, 2, new Grimoire.Core.Playground.Messages.AnswerRequest("openrouter", model.ModelId, model.Id, null), owner.Id, SampleData.Instant);
        answer.Checkpoint("Binary search halves the", "Halving is the idea");
        var unpriced = SampleData.Model(course);
        unpriced.ModelId = "free/model";
        (unpriced.InputPricePerMillion, unpriced.OutputPricePerMillion) = (null, null);
        var second = PlaygroundMessage.StartAnswer(conversation.Id, 3, new Grimoire.Core.Playground.Messages.AnswerRequest("openrouter", unpriced.ModelId, unpriced.Id, null), owner.Id, SampleData.Instant);
        await using (var db = Db.CreateContext())
        {
            db.AddRange(model, unpriced, conversation, question, answer, second);
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(2, await Db.Get<DatabaseInitializer>().MarkInterruptedTurnsAsync(Ct));

        var counter = Db.Get<ITokenCounter>();
        await using var reader = Db.CreateContext();
        var rows = await reader.UsageRecords.OrderBy(u => u.Model).ToListAsync(Ct);
        Assert.Equal(2, rows.Count);
        var priced = rows.Single(r => r.MessageId == answer.Id);
        long input = counter.CountTokens(question.Content);
        long output = counter.CountTokens("Binary search halves the") + counter.CountTokens("Halving is the idea");
        Assert.Equal((MessageStatus.Interrupted, owner.Id, course.Id, "openrouter", model.ModelId), (priced.Status, priced.UserId, priced.CourseId, priced.Provider, priced.Model));
        Assert.Equal((input, output), (priced.InputTokens, priced.OutputTokens));
        Assert.True(input > 0 && output > 0);
        Assert.Equal(CostSource.PriceList, priced.CostSource);
        Assert.Equal((input * 3.000001m + output * 15.5m) / 1_000_000m, priced.Cost!.Value, 8); // the column keeps 8 decimals on PostgreSQL
        var free = rows.Single(r => r.MessageId == second.Id);
        Assert.Equal((CostSource.None, (decimal?)null, MessageStatus.Interrupted), (free.CostSource, free.Cost, free.Status));

        // Each row has its archive record, written in the same change.
        var records = ArchivedRecords.Read(Db, AuditKinds.TurnInterrupted).ToList();
        Assert.Equal(rows.Select(r => r.MessageId).Order(), records.Select(r => r.Id("messageId")!.Value).Order());
    }
}

public sealed class InterruptedUsageTestsOnSqlite : InterruptedUsageTests<SqliteTestDatabase>;

public sealed class InterruptedUsageTestsOnPostgres : InterruptedUsageTests<PostgresTestDatabase>;
