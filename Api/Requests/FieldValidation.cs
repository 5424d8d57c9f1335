namespace EventOrch.Api.Requests;

/// <summary>How a write treats unknown or duplicate fields (the fieldValidation query parameter).</summary>
public enum FieldValidation
{
    Ignore,
    Warn,
    Strict,
}
