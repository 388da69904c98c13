using Grimoire.Core.Data;
using Grimoire.Llm;
using Grimoire.Llm.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Courses.Admin;

/// <summary>
/// A course's model allowlist (AC2.1, AC2.2): add catalogue models with the instructor's notes and a snapshot of
/// capabilities and prices, edit, enable or disable without deleting, remove, reorder, refresh the snapshot.
/// Instructors and site admins change it; tutors read it. Students see only enabled models (AC3.6, via
/// <see cref="CourseModels.ListEnabledAsync"/>).
/// </summary>
public sealed class CourseModelAllowlist(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    CourseAdminAccess access,
    IChatProviderRegistry registry,
    TimeProvider time)
{
    /// <summary>Every model of the course, enabled or not, in picker order.</summary>
    public async Task<IReadOnlyList<CourseModelConfig>> ListAsync(Guid actorId, Guid courseId, CancellationToken cancellationToken)
    {
        await access.RequireReadAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await InOrder(db.CourseModelConfigs.AsNoTracking().Where(m => m.CourseId == courseId)).ToListAsync(cancellationToken);
    }

    /// <summary>Adds a model from the provider's catalogue, enabled, at the end of the picker.</summary>
    /// <exception cref="CourseValidationException">Bad details, an unknown provider or model, or the model is already on the course.</exception>
    public async Task<CourseModelConfig> AddAsync(
        Guid actorId, Guid courseId, string provider, string modelId, CourseModelDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        await access.RequireManageAsync(actorId, courseId, cancellationToken);
        var problems = details.Check();
        if (!ProviderKinds.IsKnown(provider))
        {
            problems.Add($"Unknown provider: choose one of {string.Join(", ", ProviderKinds.All)}.");
        }

        CourseValidationException.ThrowIfAny(problems);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.CourseModelConfigs.AnyAsync(m => m.CourseId == courseId && m.Provider == provider && m.ModelId == modelId, cancellationToken))
        {
            throw new CourseValidationException($"{modelId} is already on this course's list: enable it there instead.");
        }

        var model = await FindInCatalogueAsync(provider, modelId, cancellationToken);
        var last = await db.CourseModelConfigs.Where(m => m.CourseId == courseId).MaxAsync(m => (int?)m.SortOrder, cancellationToken);
        var config = new CourseModelConfig
        {
            CourseId = courseId,
            Provider = provider,
            ModelId = model.Model.Id,
            DisplayName = "",
            SortOrder = (last ?? -1) + 1,
            IsEnabled = true,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        details.ApplyTo(config);
        ModelSnapshot.Apply(config, model.Model, model.FetchedAt);
        db.CourseModelConfigs.Add(config);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // The unique (course, provider, model) index: someone added it a moment ago.
            throw new CourseValidationException($"{modelId} is already on this course's list.", ex);
        }

        return config;
    }

    /// <summary>Changes the instructor's details (name, privacy notes, region, cost tier); the snapshot stays.</summary>
    public Task<CourseModelConfig> UpdateAsync(
        Guid actorId, Guid courseId, Guid modelConfigId, CourseModelDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        CourseValidationException.ThrowIfAny(details.Check());
        return ChangeAsync(actorId, courseId, modelConfigId, details.ApplyTo, cancellationToken);
    }

    /// <summary>Enables or disables a model without deleting it (AC2.2): a disabled model leaves the students' picker.</summary>
    public Task<CourseModelConfig> SetEnabledAsync(Guid actorId, Guid courseId, Guid modelConfigId, bool enabled, CancellationToken cancellationToken) =>
        ChangeAsync(actorId, courseId, modelConfigId, m => m.IsEnabled = enabled, cancellationToken);

    /// <summary>
    /// Re-reads capabilities and prices from the provider's catalogue. When the model is no longer listed (or the
    /// catalogue cannot be read) the old snapshot stays and the refusal says why.
    /// </summary>
    public async Task<CourseModelConfig> RefreshSnapshotAsync(Guid actorId, Guid courseId, Guid modelConfigId, CancellationToken cancellationToken)
    {
        await access.RequireManageAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var config = await LoadAsync(db, courseId, modelConfigId, cancellationToken);
        var model = await FindInCatalogueAsync(config.Provider, config.ModelId, cancellationToken);
        ModelSnapshot.Apply(config, model.Model, model.FetchedAt);
        await db.SaveOrRefuseAsync(cancellationToken);
        return config;
    }

    /// <summary>
    /// Removes the model from the course. Messages answered by it keep their model id and display name (their link
    /// to this row is cleared); if it was the course default, the course has no default until one is chosen.
    /// </summary>
    public async Task RemoveAsync(Guid actorId, Guid courseId, Guid modelConfigId, CancellationToken cancellationToken)
    {
        await access.RequireManageAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var config = await LoadAsync(db, courseId, modelConfigId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Courses.Where(c => c.Id == courseId && c.DefaultModelConfigId == modelConfigId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DefaultModelConfigId, (Guid?)null), cancellationToken);
        db.CourseModelConfigs.Remove(config);
        await db.SaveOrRefuseAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Moves a model one place up or down in the picker and stores the whole order as 0, 1, 2, …</summary>
    /// <returns>The course's models in their new order.</returns>
    public async Task<IReadOnlyList<CourseModelConfig>> MoveAsync(
        Guid actorId, Guid courseId, Guid modelConfigId, MoveDirection direction, CancellationToken cancellationToken)
    {
        await access.RequireManageAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var models = await InOrder(db.CourseModelConfigs.Where(m => m.CourseId == courseId)).ToListAsync(cancellationToken);
        var index = models.FindIndex(m => m.Id == modelConfigId);
        if (index < 0)
        {
            throw new CourseValidationException(NotOnCourseMessage);
        }

        var target = direction == MoveDirection.Up ? index - 1 : index + 1;
        if (target >= 0 && target < models.Count)
        {
            (models[index], models[target]) = (models[target], models[index]);
        }

        for (var i = 0; i < models.Count; i++)
        {
            models[i].SortOrder = i;
        }

        await db.SaveOrRefuseAsync(cancellationToken);
        return models;
    }

    private const string NotOnCourseMessage = "That model is not on this course's list (it may have just been removed).";

    private static IQueryable<CourseModelConfig> InOrder(IQueryable<CourseModelConfig> models) =>
        models.OrderBy(m => m.SortOrder).ThenBy(m => m.DisplayName).ThenBy(m => m.Id);

    private async Task<CourseModelConfig> ChangeAsync(
        Guid actorId, Guid courseId, Guid modelConfigId, Action<CourseModelConfig> change, CancellationToken cancellationToken)
    {
        await access.RequireManageAsync(actorId, courseId, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var config = await LoadAsync(db, courseId, modelConfigId, cancellationToken);
        change(config);
        await db.SaveOrRefuseAsync(cancellationToken);
        return config;
    }

    // Always by (course, id): a model id from another course is "not on this course", never loaded (no IDOR).
    private static async Task<CourseModelConfig> LoadAsync(GrimoireDbContext db, Guid courseId, Guid modelConfigId, CancellationToken cancellationToken) =>
        await db.CourseModelConfigs.SingleOrDefaultAsync(m => m.Id == modelConfigId && m.CourseId == courseId, cancellationToken)
        ?? throw new CourseValidationException(NotOnCourseMessage);

    private async Task<(ModelInfo Model, DateTime FetchedAt)> FindInCatalogueAsync(string provider, string modelId, CancellationToken cancellationToken)
    {
        var snapshot = await registry.GetModelsAsync(new ProviderEndpoint(provider), cancellationToken);
        if (snapshot.Find(modelId) is { } model)
        {
            var fetchedAt = snapshot.FetchedAt == DateTimeOffset.MinValue ? time.GetUtcNow() : snapshot.FetchedAt;
            return (model, fetchedAt.UtcDateTime);
        }

        throw new CourseValidationException(snapshot.IsStale
            ? $"The {provider} catalogue could not be read ({snapshot.RefreshError}), and {modelId} is not in the last list Grimoire has."
            : $"{modelId} is not in the {provider} catalogue.");
    }
}
