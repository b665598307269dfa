using System.Runtime.CompilerServices;

namespace PickBot.Tests.Support;

/// <summary>
/// Hosts and CLI processes started by these tests answer by words unless a test turns meaning on: loading the
/// model in each of the many hosts would cost the suite minutes. The tests in Semantic/ turn it on, with the one
/// model this test run loads (<see cref="SharedModel"/>). Settings and arguments override the environment.
/// </summary>
internal static class MeaningOffByDefault
{
    [ModuleInitializer]
    internal static void Initialize() => Environment.SetEnvironmentVariable("Semantic__Mode", "Off");
}
