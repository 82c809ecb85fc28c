using Liaison.Domain.Parties;
using Liaison.Features.Keys;
using Liaison.Features.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Features.Tests.Entries;

/// <summary>
/// One established mechanism per provider, shared by the refusal cases of <see cref="SubmitEntryTests"/>: refusals
/// store nothing, so they cannot disturb one another. Users: isr-officer, isr-analyst, syr-officer (keys enrolled),
/// isr-duty (key requested, pending), and isr-admin.
/// </summary>
public sealed class SubmitEntryScenarios : PerProvider<SubmitEntryScenarios.Scenario>
{
    protected override Task<Scenario> CreateAsync(string provider) => Scenario.CreateAsync(provider);

    public sealed class Scenario : IAsyncDisposable
    {
        private Scenario(TestMechanism mechanism, TestUser officer, TestUser analyst, TestUser syrOfficer, TestUser duty, TestUser admin)
        {
            Mechanism = mechanism;
            Officer = officer;
            Analyst = analyst;
            SyrOfficer = syrOfficer;
            Duty = duty;
            Admin = admin;
        }

        public TestMechanism Mechanism { get; }

        public TestUser Officer { get; }

        public TestUser Analyst { get; }

        public TestUser SyrOfficer { get; }

        /// <summary>isr-duty, whose only key is requested and not enrolled.</summary>
        public TestUser Duty { get; }

        public TestUser Admin { get; }

        public static async Task<Scenario> CreateAsync(string provider)
        {
            var mechanism = await TestMechanism.CreateAsync(provider);
            var officer = await mechanism.AddUserAsync("ISR", "isr-officer", Role.LiaisonOfficer);
            var analyst = await mechanism.AddUserAsync("ISR", "isr-analyst", Role.Analyst);
            var syrOfficer = await mechanism.AddUserAsync("SYR", "syr-officer", Role.LiaisonOfficer);
            var duty = await mechanism.AddUserAsync("ISR", "isr-duty", Role.DutyOfficer, enrolKey: false);
            await using (var scope = mechanism.Database.CreateScope())
            {
                var proof = Convert.ToBase64String(duty.Key.Sign(Domain.Entries.EntrySigning.KeyRequestMessage(duty.UserName, duty.Key.PublicKey.Bytes)));
                var requested = await scope.ServiceProvider.GetRequiredService<RequestKey>().HandleAsync(new RequestKeyRequest(duty.Key.PublicKey.ToBase64(), proof), duty.Member, TestContext.Current.CancellationToken);
                Assert.True(requested.IsSuccess);
            }

            return new Scenario(mechanism, officer, analyst, syrOfficer, duty, await mechanism.AdministratorAsync("ISR"));
        }

        public ValueTask DisposeAsync() => Mechanism.DisposeAsync();
    }
}
