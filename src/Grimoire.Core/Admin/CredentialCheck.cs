namespace Grimoire.Core.Admin;

/// <summary>Whether one provider credential is configured. Holds a yes/no only: never the value, nor part of it.</summary>
/// <param name="Name">What it is, e.g. "OpenRouter management key".</param>
/// <param name="Setting">The configuration setting that holds it, so an operator knows where to set it.</param>
/// <param name="Purpose">What it enables, in a sentence.</param>
public sealed record CredentialCheck(string Name, string Setting, bool IsConfigured, string Purpose);
