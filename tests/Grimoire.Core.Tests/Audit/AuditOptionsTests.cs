using Grimoire.Core.Audit;

namespace Grimoire.Core.Tests.Audit;

/// <summary>Bad archive settings are refused at start-up with the setting's name.</summary>
public sealed class AuditOptionsTests
{
    [Theory]
    [InlineData("web 1", 1_000_000, 10, "Grimoire:Audit:NodeId")]
    [InlineData("", 1_000_000, 10, "Grimoire:Audit:NodeId")]
    [InlineData("web-1", 100, 10, "Grimoire:Audit:MaxFileBytes")]
    [InlineData("web-1", 1_000_000, 0, "Grimoire:Audit:QueueCapacity")]
    public void Each_bad_setting_is_named(string nodeId, long maxFileBytes, int queueCapacity, string setting)
    {
        var result = new AuditOptionsValidator().Validate(null, new AuditOptions
        {
            Directory = "/tmp/archive", NodeId = nodeId, MaxFileBytes = maxFileBytes, QueueCapacity = queueCapacity,
        });

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("web-1")]
    [InlineData("web-1:")]
    [InlineData(":815")]
    [InlineData("web 1:815")]
    [InlineData("web-1:-3")]
    public void An_accepted_break_must_name_a_node_and_a_record(string accept)
    {
        var result = new AuditOptionsValidator().Validate(null, new AuditOptions { Directory = "/tmp/a", NodeId = "web-1", AcceptBrokenAnchor = accept });

        Assert.True(result.Failed);
        Assert.Contains("Grimoire:Audit:AcceptBrokenAnchor must be empty or node:record", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Good_settings_pass_and_machine_names_become_safe_node_ids()
    {
        Assert.True(new AuditOptionsValidator().Validate(null, new AuditOptions { Directory = "/tmp/a", NodeId = "web-1.eu_west" }).Succeeded);
        Assert.True(new AuditOptionsValidator().Validate(null, new AuditOptions { Directory = "/tmp/a", NodeId = "web-1", AcceptBrokenAnchor = "web-1:815" }).Succeeded);
        Assert.Equal("lab-pc-7", AuditFileName.NodeIdFrom("lab pc#7"));
        Assert.True(AuditFileName.IsValidNodeId(AuditFileName.NodeIdFrom(Environment.MachineName)));
    }
}
