using System.Text;
using System.Text.Json;
using Grimoire.Core.Attachments.Delivery;
using Grimoire.Core.Courses;
using Grimoire.Llm.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Tests.Attachments;

/// <summary>
/// AC7.4 on the wire: the exact request bodies OpenRouter, Anthropic and an OpenAI-compatible server get for an
/// image, two CSVs in other encodings, and a PDF, built from recorded files by Core's <see cref="AttachmentParts"/>
/// and sent over real HTTP to a local server; compared with tests/fixtures/&lt;provider&gt;/request-*.json.
/// </summary>
public sealed class AttachmentWireTests : IAsyncLifetime
{
    private readonly StoredFiles files = new();
    private ProviderHarness harness = null!;

    private FakeProviderServer Server => harness.Server;

    public async Task InitializeAsync() => harness = await ProviderHarness.StartAsync();

    public async Task DisposeAsync()
    {
        await harness.DisposeAsync();
        files.Delete();
    }

    public static TheoryData<string, string> Providers => new()
    {
        { ProviderKinds.OpenRouter, "openrouter" },
        { ProviderKinds.Anthropic, "anthropic" },
        { ProviderKinds.OpenAICompatible, "openai-compatible" },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AC7_4_an_image_goes_as_base64_re_encoded_in_the_providers_image_part(string provider, string folder)
    {
        var image = await files.PartAsync("chart.png", "chart.png", Takes(provider, files: false));

        var body = await SendAsync(provider, folder, new TextContent("What does this chart show?"), image);

        RecordedBodies.AssertMatches($"{folder}/request-image.json", body);
        Assert.Contains("iVBORw0KGgoAAAANSUhEUgAAAAYAAAAE", Encoding.UTF8.GetString(body), StringComparison.Ordinal); // a PNG still, 6×4 (its IHDR in base64)
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AC7_4_text_files_in_utf16_and_latin1_go_as_delimited_utf8_text_with_their_names(string provider, string folder)
    {
        var utf16 = await files.PartAsync("scores-utf16.csv", "scores-utf16.csv", Takes(provider, files: true));
        var latin1 = await files.PartAsync("scores-latin1.csv", "scores-latin1.csv", Takes(provider, files: true));

        var body = await SendAsync(provider, folder, new TextContent("Compare these two files."), utf16, latin1);

        RecordedBodies.AssertMatches($"{folder}/request-text.json", body);
        var text = TextOf(body);
        Assert.Contains("<attached-file name=\"scores-utf16.csv\" type=\"text/csv\" bytes=\"98\">\nname,score,city\nZoë,91,Zürich\nJosé,78,São Paulo\n", text, StringComparison.Ordinal);
        Assert.Contains("<attached-file name=\"scores-latin1.csv\" type=\"text/csv\" bytes=\"48\">\nname,score,city\nZoë,91,Zürich\nJosé,78,São Paulo\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AC7_4_a_pdf_goes_natively_where_the_provider_takes_files_else_as_its_extracted_text(string provider, string folder)
    {
        var pdf = await files.PartAsync("reading.pdf", "reading.pdf", Takes(provider, files: true));

        var body = await SendAsync(provider, folder, new TextContent("Summarise the reading."), pdf);

        RecordedBodies.AssertMatches($"{folder}/request-pdf.json", body);
        var text = Encoding.UTF8.GetString(body);
        var pdfBase64 = Convert.ToBase64String(Fixtures.Bytes("attachments/reading.pdf"));
        switch (provider)
        {
            case ProviderKinds.OpenRouter:
                Assert.Contains($"{{\"type\":\"file\",\"file\":{{\"filename\":\"reading.pdf\",\"file_data\":\"data:application/pdf;base64,{pdfBase64}\"}}}}", text, StringComparison.Ordinal);
                break;
            case ProviderKinds.Anthropic:
                Assert.Contains($"{{\"type\":\"document\",\"source\":{{\"type\":\"base64\",\"media_type\":\"application/pdf\",\"data\":\"{pdfBase64}\"}},\"title\":\"reading.pdf\"}}", text, StringComparison.Ordinal);
                break;
            default:
                Assert.DoesNotContain(pdfBase64, text, StringComparison.Ordinal);
                Assert.Contains("<attached-file name=\"reading.pdf\" type=\"application/pdf\" bytes=\"699\">\nWeek 3 reading: binary search halves the range each step.", TextOf(body), StringComparison.Ordinal);
                break;
        }
    }

    [Theory]
    [InlineData(ProviderKinds.OpenRouter)]
    [InlineData(ProviderKinds.Anthropic)]
    public async Task AC7_4_a_model_that_takes_no_files_natively_gets_the_pdfs_text(string provider)
    {
        var pdf = await files.PartAsync("reading.pdf", "reading.pdf", Takes(provider, files: false));

        var text = Assert.IsType<TextContent>(pdf).Text;

        Assert.StartsWith("<attached-file name=\"reading.pdf\" type=\"application/pdf\" bytes=\"699\">\nWeek 3 reading: binary search halves the range each step.", text, StringComparison.Ordinal);
        Assert.EndsWith("It needs a sorted array.\n</attached-file>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AC7_4_only_openrouter_and_anthropic_take_pdfs_natively_and_only_when_the_model_takes_files()
    {
        Assert.True(Takes(ProviderKinds.OpenRouter, files: true).NativePdf);
        Assert.True(Takes(ProviderKinds.Anthropic, files: true).NativePdf);
        Assert.False(Takes(ProviderKinds.OpenAICompatible, files: true).NativePdf);
        Assert.False(Takes(ProviderKinds.Simulated, files: true).NativePdf);
        Assert.False(Takes(ProviderKinds.OpenRouter, files: false).NativePdf);
        Assert.True(Takes(ProviderKinds.OpenAICompatible, files: false).Images);
    }

    private static AttachmentDelivery Takes(string provider, bool files) => AttachmentDelivery.For(new CourseModelConfig
    {
        Provider = provider, ModelId = "m", DisplayName = "m", SupportsVision = true, SupportsFiles = files,
    });

    private static string Model(string provider) => provider switch
    {
        ProviderKinds.OpenRouter => "anthropic/claude-sonnet-4.5",
        ProviderKinds.Anthropic => "claude-sonnet-4-5",
        _ => "Qwen/Qwen2.5-VL-7B-Instruct",
    };

    private async Task<byte[]> SendAsync(string provider, string folder, params AIContent[] parts)
    {
        Server.Enqueue(ScriptedResponse.Sse(folder switch
        {
            "anthropic" => "anthropic/max-tokens.sse",
            "openrouter" => "openrouter/length.sse",
            _ => "openai-compatible/vllm-reasoning.sse",
        }));
        var client = harness.Providers.Client(provider, Model(provider), key: provider == ProviderKinds.OpenAICompatible ? null : TestProviders.Key);
        var turn = TestProviders.Turn(await TestProviders.CollectAsync(client, [new ChatMessage(ChatRole.User, parts)]));
        var received = Assert.Single(Server.Received);
        Assert.Equal(received.Body, turn.Request!.Body.ToArray());
        return received.Body;
    }

    /// <summary>Every text in the first message's content, however the provider nests it.</summary>
    private static string TextOf(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var content = json.RootElement.GetProperty("messages")[0].GetProperty("content");
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        return string.Join("\n", content.EnumerateArray()
            .Where(p => p.GetProperty("type").GetString() == "text")
            .Select(p => p.GetProperty("text").GetString()));
    }
}
