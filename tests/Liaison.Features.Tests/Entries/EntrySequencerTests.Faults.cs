using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Liaison.Domain.Entries;
using Liaison.Domain.Keys;
using Liaison.Domain.Parties;
using Liaison.Features.Entries;
using Liaison.Features.Tests.Infrastructure;

namespace Liaison.Features.Tests.Entries;

public sealed partial class EntrySequencerTests
{
    /// <summary>
    /// An entry the projector cannot read (here a <c>key.enroll</c> without <c>keyId</c>, which only trusted code
    /// such as bootstrap could hand over unchecked) must fail alone: its caller gets an answer and the sequencer goes on.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppendAsync_EntryTheProjectorCannotRead_FailsAloneAndTheSequencerGoesOn(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var entries = new SequencerEntries();
        var sequencer = SequencerOf(database);
        var payload = EntryBuilder.Payload(EntryTypes.KeyEnroll, "isr-syr", "ISR", ["ISR"], TestDatabase.Start, new JsonObject { ["subject"] = "isr-officer" });
        var broken = new PendingEntry(EntryPayload.Parse(payload).Value, payload, SHA256.HashData(payload), new string('0', 32), new byte[64], Signer.ForRoot(new PartyCode("ISR")));

        var answer = await Record.ExceptionAsync(() => sequencer.AppendAsync(broken, Cancel).WaitAsync(TimeSpan.FromSeconds(2), Cancel));
        var next = await sequencer.AppendAsync(entries.Make(0, TestDatabase.Start), Cancel).WaitAsync(TimeSpan.FromSeconds(2), Cancel);

        Assert.IsNotType<TimeoutException>(answer);
        Assert.Equal(0, Accepted(next).Seq);
    }
}
