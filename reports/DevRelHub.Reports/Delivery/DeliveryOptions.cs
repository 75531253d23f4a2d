using System.ComponentModel.DataAnnotations;

namespace DevRelHub.Reports.Delivery;

/// <summary>The <c>Reports:Delivery</c> settings: when each quarter's report goes to the executives.</summary>
public sealed class DeliveryOptions
{
    /// <summary>Whether this host runs the scheduled delivery; several may, each quarter goes out once.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The day after the quarter's end on which its report is sent: 1 is the first day of the next quarter.</summary>
    [Range(1, 60)]
    public int DayAfterQuarterEnd { get; set; } = 1;

    /// <summary>How often a host looks whether a report is due.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(10);
}
