using EventOrch.Contracts.Model;

namespace EventOrch.Api.Resources;

/// <summary>A kind with a <c>scale</c> subresource: how many replicas it wants, has, and selects by.</summary>
public interface IScalable<T> where T : class, IKubeObject
{
    int DesiredReplicas(T obj);

    T WithDesiredReplicas(T obj, int replicas);

    int CurrentReplicas(T obj);

    string Selector(T obj);
}
