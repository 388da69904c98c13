using Grimoire.Core.Accounts;
using Grimoire.Core.Data;
using Grimoire.Core.Keys;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Grimoire.Core.Tests.Options;

/// <summary>Bad configuration is refused at start-up with a message that names the setting.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Postgres, "", "Grimoire:Database:ConnectionString is required")]
    [InlineData(DatabaseProvider.Postgres, "Hots=db;Database=x", "Grimoire:Database:ConnectionString is not a valid Postgres connection string")]
    [InlineData(DatabaseProvider.Postgres, "Database=x", "Grimoire:Database:ConnectionString names no Host")]
    [InlineData(DatabaseProvider.Sqlite, "Data Sauce=x.db", "Grimoire:Database:ConnectionString is not a valid Sqlite connection string")]
    public void Bad_connection_strings_are_refused_naming_the_setting(DatabaseProvider provider, string connectionString, string expected)
    {
        var result = new DatabaseOptionsValidator().Validate(null, new DatabaseOptions { Provider = provider, ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.StartsWith(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@uni.edu", "Grimoire:Accounts:AllowedEmailDomains:0 must be a domain")]
    [InlineData("uni edu", "Grimoire:Accounts:AllowedEmailDomains:0 must be a domain")]
    [InlineData("", "Grimoire:Accounts:AllowedEmailDomains:0 must be a domain")]
    public void Bad_allowed_email_domains_are_refused_naming_the_setting(string domain, string expected)
    {
        var result = new AccountOptionsValidator().Validate(null, new AccountOptions { AllowedEmailDomains = [domain] });

        Assert.True(result.Failed);
        Assert.StartsWith(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_site_admin_entry_that_is_not_an_address_is_refused_naming_the_setting()
    {
        var result = new AccountOptionsValidator().Validate(null, new AccountOptions { SiteAdminEmails = ["boss@uni.edu", "boss"] });

        Assert.True(result.Failed);
        Assert.StartsWith("Grimoire:Accounts:SiteAdminEmails:1 must be an e-mail address", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new AccountOptionsValidator().Validate(null, new AccountOptions
        {
            SiteAdminEmails = ["Boss@Uni.edu"],
            AllowedEmailDomains = ["uni.edu", "student.uni.edu"],
        }).Succeeded);
    }

    [Fact]
    public void A_password_in_a_bad_connection_string_is_not_echoed()
    {
        var result = new DatabaseOptionsValidator().Validate(null, new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = "Host=db;Password=hunter2-secret;Bogus=1",
        });

        Assert.True(result.Failed);
        Assert.DoesNotContain("hunter2-secret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "")]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=grimoire.db")]
    [InlineData(DatabaseProvider.Postgres, "Host=db;Database=grimoire;Username=g;Password=p")]
    public void Good_connection_strings_pass(DatabaseProvider provider, string connectionString) =>
        Assert.True(new DatabaseOptionsValidator().Validate(null, new DatabaseOptions { Provider = provider, ConnectionString = connectionString }).Succeeded);

    [Theory]
    [InlineData("Production", "", true)]
    [InlineData("Staging", "", true)]
    [InlineData("Development", "", false)]
    [InlineData("Demo", "", false)]
    [InlineData("Production", "dG9vLXNob3J0", true)] // "too-short": not 32 bytes
    [InlineData("Production", "not base64 !!", true)]
    [InlineData("Production", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", false)]
    public void The_encryption_key_is_required_outside_the_demo_setting(string environment, string key, bool fails)
    {
        var result = new KeyVaultOptionsValidator(new Environment(environment)).Validate(null, new KeyVaultOptions { EncryptionKey = key });

        Assert.Equal(fails, result.Failed);
        if (fails)
        {
            Assert.StartsWith("Grimoire:Secrets:EncryptionKey", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
