namespace Grimoire.Core.Keys;

/// <summary>When a key's spending limit resets at the provider (midnight UTC; weeks run Monday–Sunday).</summary>
public enum BudgetResetPeriod
{
    Never = 0,
    Daily = 1,
    Weekly = 2,
    Monthly = 3,
}
