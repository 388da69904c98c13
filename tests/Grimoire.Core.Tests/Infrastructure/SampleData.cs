using Grimoire.Core.Playground.Messages;
using Grimoire.Core.Accounts;
using Grimoire.Core.Audit.Anchors;
using Grimoire.Core.Courses;
using Grimoire.Core.Keys;
using Grimoire.Core.Playground;
using Grimoire.Core.Workspaces;

namespace Grimoire.Core.Tests.Infrastructure;

/// <summary>Entities with every field set to a non-default value, so a round-trip proves every column.</summary>
public static partial class SampleData
{
    public static readonly DateTime Instant = new(2026, 11, 25, 14, 3, 7, DateTimeKind.Utc);

    public static User User(string name = "Alex") => new()
    {
        Email = $"{name.ToLowerInvariant()}@uni.test",
        DisplayName = $"{name} Rivera",
        FirstName = name,
        IsSiteAdmin = true,
        CreatedAt = Instant,
        LastLoginAt = Instant.AddMinutes(5),
    };

    public static ExternalLogin Login(User user) => new()
    {
        User = user,
        Issuer = "https://login.uni.test/realms/uni",
        Subject = "f2c1a7e0-sub-" + user.FirstName,
        CreatedAt = Instant,
        LastSignInAt = Instant.AddDays(3),
    };

    public static Course Course(string code = "LING-210") => new()
    {
        Code = code,
        Name = "Language and Machines",
        Term = "Autumn 2026",
        StartsOn = new DateOnly(2026, 9, 1),
        EndsOn = new DateOnly(2026, 12, 20),
        IsArchived = true,
        DefaultSystemPrompt = "Be Socratic. Ünïcödé ✓ and \"quotes\".",
        DefaultKeyBudget = 7.123456m,
        DefaultKeyBudgetReset = BudgetResetPeriod.Monthly,
        DefaultKeyExpiresOn = new DateOnly(2026, 12, 31),
        StudentBudget = 2.5m,
        CourseBudget = 120.75m,
        UsageBudgetReset = BudgetResetPeriod.Weekly,
        TimeZoneId = "Europe/Berlin",
        NearLimitShare = 0.75m,
        CreatedAt = Instant,
    };

    public static CourseModelConfig Model(Course course) => new()
    {
        Course = course,
        Provider = "openrouter",
        ModelId = "anthropic/claude-sonnet-4.5",
        DisplayName = "Claude Sonnet",
        IsEnabled = false,
        SortOrder = 3,
        PrivacyNotes = "Prompts may be retained 30 days.",
        HostingRegion = "US",
        CostTier = CostTier.High,
        SupportsThinking = true,
        ThinkingControl = ThinkingControl.Effort,
        SupportsVision = true,
        SupportsFiles = true,
        AllowsTemperatureWithThinking = false,
        ContextLength = 200_000,
        MaxOutputTokens = 64_000,
        InputPricePerMillion = 3.000001m,
        OutputPricePerMillion = 15.5m,
        CatalogueSnapshotAt = Instant,
        CreatedAt = Instant,
    };

    public static Enrollment Enrollment(User user, Course course, CourseRole role = CourseRole.Tutor) =>
        new() { User = user, Course = course, Role = role, CreatedAt = Instant };

    public static Workspace Workspace(Course course) =>
        new() { Title = "Alex's workspace", Course = course, CreatedAt = Instant, UpdatedAt = Instant.AddHours(1) };

    public static WorkspaceMember Member(Workspace workspace, User user, WorkspacePermission permission = WorkspacePermission.Editor) =>
        new() { Workspace = workspace, User = user, Permission = permission, CreatedAt = Instant };

    public static WorkspaceDocument Document(Workspace workspace) => new()
    {
        Workspace = workspace,
        Title = "Annotated chat",
        SourceType = DocumentSourceTypes.Playground,
        HtmlContent = "<h1>Chat</h1><p>Hello</p>",
        TextContent = "ChatHello",
        Version = 3,
        CreatedByUserId = Guid.NewGuid(),
        SourceJson = "{\"schema\":\"grimoire.conversation/v1\"}",
        SortOrder = 2,
        CreatedAt = Instant,
    };

    public static Core.Annotation.AnnotationTag Tag(Workspace workspace) => new()
    {
        WorkspaceId = workspace.Id, Name = "Hallucination ✓", Colour = "#e53935", Description = "Made up", SortOrder = 4, CreatedAt = Instant,
    };

    public static Core.Annotation.Highlight Highlight(WorkspaceDocument document, Core.Annotation.AnnotationTag tag, User author) => new()
    {
        DocumentId = document.Id, StartOffset = 4, EndOffset = 9, QuotedText = "Hello", Prefix = "Chat", Suffix = " world",
        Tag = tag, Author = author, CreatedAt = Instant,
        Comments = [new Core.Annotation.HighlightComment { Author = author, Text = "Why 🙂?", CreatedAt = Instant.AddMinutes(1) }],
    };

    public static StudentApiKey Key(User user, Course course) => new()
    {
        User = user,
        Course = course,
        Provider = "openrouter",
        EncryptedKey = [1, 2, 3, 250, 0, 9],
        EncryptionKeyId = "k7",
        ProviderKeyHash = "hash-" + Guid.NewGuid().ToString("N"),
        BudgetLimit = 12.5m,
        BudgetResetPeriod = BudgetResetPeriod.Weekly,
        ExpiresAt = Instant.AddDays(90),
        IsDisabled = true,
        CreatedAt = Instant,
        RevokedAt = Instant.AddDays(1),
        SpendUsd = 1.23456789m,
        SpendThisPeriodUsd = 0.00012345m,
        LimitRemainingUsd = 11.26543211m,
        SpendReadAt = Instant.AddHours(5),
        IsMissingAtProvider = true,
    };

    public static PlaygroundConversation Conversation(Workspace workspace, Course course, User owner) => new()
    {
        Workspace = workspace,
        Course = course,
        Owner = owner,
        Title = "Why is the sky blue?",
        SystemPrompt = "You are terse.",
        SharedWithUserIds = [Guid.NewGuid(), Guid.NewGuid()],
        CreatedAt = Instant,
        UpdatedAt = Instant.AddMinutes(9),
    };

    /// <summary>An answer with every field set, through the message's own transitions: asked, finished, edited.</summary>
    public static PlaygroundMessage Message(
        PlaygroundConversation conversation, User author, int sequence = 1, Guid? modelConfigId = null, MessageStatus status = MessageStatus.Failed)
    {
        var message = PlaygroundMessage.StartAnswer(
            conversation.Id, sequence,
            new AnswerRequest("openrouter", "anthropic/claude-sonnet-4.5", modelConfigId, "{\"temperature\":0.7,\"max_tokens\":1024}"),
            author.Id, Instant, fileReferencesJson: "[{\"id\":\"f1\",\"name\":\"a.png\",\"size\":1234}]");
        message.Finish(new AnswerOutcome
        {
            Status = status,
            ErrorText = "The provider is busy, try again in 20 s",
            Text = "# Rayleigh scattering",
            Thinking = "The user asks about…",
            ThinkingSignature = "EqQBCkYIARgCKkB…sig",
            ThinkingBlocksJson = "[{\"kind\":\"Text\",\"text\":\"hm\",\"signature\":\"sig\"}]",
            InputTokens = 1200,
            OutputTokens = 345,
            ThinkingTokens = 120,
            Cost = 0.00012345m,
            RequestBody = "{\"model\":\"anthropic/claude-sonnet-4.5\",\"stream\":true}",
            RequestUrl = "https://openrouter.ai/api/v1/chat/completions",
            GenerationId = "gen-1732543-abc",
            FirstTokenAt = Instant.AddSeconds(1),
            FinishedAt = Instant.AddSeconds(9),
        });
        message.Edit("# Rayleigh scattering\n\n| a | b |\n|---|---|", Instant.AddMinutes(2), author.Id);
        return message;
    }

    /// <summary>A student's question.</summary>
    public static PlaygroundMessage Question(PlaygroundConversation conversation, User author, int sequence, string text) =>
        PlaygroundMessage.Question(conversation.Id, sequence, text, author.Id, Instant);

    /// <summary>What a crash leaves: an answer still streaming with the text and thinking of its last checkpoint.</summary>
    public static PlaygroundMessage StreamingAnswer(PlaygroundConversation conversation, User author, int sequence, string text, string? thinking = null)
    {
        var message = PlaygroundMessage.StartAnswer(
            conversation.Id, sequence, new AnswerRequest("openrouter", "anthropic/claude-sonnet-4.5", null, "{}"), author.Id, Instant);
        message.Checkpoint(text, thinking);
        return message;
    }

    public static Core.Attachments.Attachment Attachment(Workspace workspace, User uploader, PlaygroundConversation conversation) => new()
    {
        WorkspaceId = workspace.Id,
        ConversationId = conversation.Id,
        UploadedByUserId = uploader.Id,
        Sha256 = new string('a', 64),
        FileName = "chart – ü.png",
        MediaType = "image/png",
        Kind = Core.Attachments.AttachmentKind.Pdf, // not the default (Image), so the round trip proves something
        Size = 183_000,
        Width = 1200,
        Height = 800,
        StorageKey = $"{workspace.Id:N}/{Guid.NewGuid():N}",
        CreatedAt = Instant,
    };

    public static AuditAnchor Anchor() => new()
    {
        NodeId = "web-1",
        Sequence = 815,
        Hash = new string('a', 64),
        KeyId = "k1",
        Signature = new string('b', 64),
        AnchoredAt = Instant.AddMinutes(3),
    };

    public static Core.Jobs.CourseJob Job(Course course, User startedBy, User cancelledBy)
    {
        var job = new Core.Jobs.CourseJob
        {
            Course = course,
            Kind = Core.Jobs.CourseJobKind.RotateKeys,
            State = Core.Jobs.CourseJobState.Cancelled,
            StartedById = startedBy.Id,
            StartedAt = Instant,
            FinishedAt = Instant.AddMinutes(3),
            Total = 300,
            Succeeded = 37,
            Skipped = 4,
            Failed = 1,
            CancelRequestedById = cancelledBy.Id,
            Message = "Stopped early",
        };
        return job;
    }

    public static Core.Jobs.CourseJobItem JobItem(Core.Jobs.CourseJob job, User student) => new()
    {
        JobId = job.Id,
        Position = 38,
        UserId = student.Id,
        Subject = student.Email,
        Outcome = Core.Jobs.CourseJobItemOutcome.Failed,
        Reason = "OpenRouter had a problem (500).",
        At = Instant.AddMinutes(2),
    };

    public static Core.Usage.UsageRecord Usage(PlaygroundConversation conversation, PlaygroundMessage message, User student, Course course, CourseModelConfig model) => new()
    {
        UserId = student.Id,
        CourseId = course.Id,
        ConversationId = conversation.Id,
        MessageId = message.Id,
        ModelConfigId = model.Id,
        Provider = "openrouter",
        Model = "anthropic/claude-sonnet-4.5",
        Status = MessageStatus.Failed,
        StartedAt = Instant.AddTicks(1_234_560),
        FinishedAt = Instant.AddSeconds(9),
        TimeToFirstTokenMs = 812,
        InputTokens = 3_000_000_000,
        OutputTokens = 640,
        ThinkingTokens = 210,
        CachedInputTokens = 1_024,
        Cost = 0.01234567m,
        CostSource = Grimoire.Llm.Streaming.CostSource.Provider,
    };
}
