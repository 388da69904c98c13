using System.Runtime.CompilerServices;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Pipeline;

/// <summary>
/// Course policy as middleware: when the options carry a <see cref="ModelPolicy"/>, <see cref="ParameterRules"/> are
/// applied (to a copy) before anything below sees them, so the adapter serialises — and records — only what the rules
/// allow (AC1.4, AC1.5). A refusal ends the stream as a <see cref="ProviderException"/> of kind BadRequest.
/// Options without a policy pass unchanged.
/// </summary>
internal sealed class PolicyChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, Enforce(options), cancellationToken);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Inside the iterator, so a refusal surfaces where every other provider failure does: while enumerating.
        var enforced = Enforce(options);
        await foreach (var update in base.GetStreamingResponseAsync(messages, enforced, cancellationToken))
        {
            yield return update;
        }
    }

    private static ChatOptions? Enforce(ChatOptions? options)
    {
        if (options.GetModelPolicy() is not { } policy)
        {
            return options;
        }

        var applied = ParameterRules.Apply(policy, options);
        return applied.Options ?? throw new ProviderException(new ProviderFailure(ProviderFailureKind.BadRequest, applied.Refusal!, false));
    }
}
