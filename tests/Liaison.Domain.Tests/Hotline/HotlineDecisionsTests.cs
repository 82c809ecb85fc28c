using Liaison.Domain.Hotline;
using Liaison.Domain.Parties;
using static Liaison.Domain.Tests.Hotline.HotlineTestData;

namespace Liaison.Domain.Tests.Hotline;

/// <summary>The hotline's rules for users' entries. Every test starts from <see cref="State"/> unless it says otherwise.</summary>
public sealed partial class HotlineDecisionsTests
{
    /// <summary>ISR's FLASH message on the security channel.</summary>
    private const long IsrFlash = 10;

    /// <summary>The convener's ROUTINE message on the security channel.</summary>
    private const long UsaRoutine = 11;

    /// <summary>SYR's message on the diplomatic channel.</summary>
    private const long SyrDiplomatic = 12;

    /// <summary>SYR's suspension of its participation in the security channel.</summary>
    private const long SyrSuspension = 13;

    /// <summary>A link test of the security channel.</summary>
    private const long LinkTestSeq = 20;

    /// <summary>The state every test starts from.</summary>
    private static readonly HotlineState State = Fold(
        Entry(IsrFlash, Isr, T0, Message()),
        Entry(UsaRoutine, Usa, T0.AddMinutes(1), Message(Precedence.Routine), author: "usa-mediator"),
        Entry(SyrDiplomatic, Syr, T0.AddMinutes(2), Message(Precedence.Priority, channel: Diplomatic, lang: "en"), audience: DiplomaticMembers),
        Entry(SyrSuspension, Syr, T0.AddMinutes(3), new ChannelSuspended(Security, "Consultations"), author: "syr-commander"),
        ServerEntry(LinkTestSeq, T0.AddMinutes(4), new LinkTestSent(Security)));

    private static void AssertError<T>(Common.Result<T> result, string code, Type kind)
    {
        Assert.False(result.IsSuccess, "Expected a refusal.");
        Assert.Equal(code, result.Error.Code);
        Assert.IsType(kind, result.Error);
    }

    private static PartyCode P(string code) => new(code);
}
