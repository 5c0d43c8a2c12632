// The parts every case action form shares: a required free-text reason (an override, an appeal, a new attempt) and
// the alert that says why the action did not go through.
export function ReasonField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  minLength: number;
  maxLength: number;
}) {
  return (
    <div className="question">
      <label htmlFor={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        required
        minLength={props.minLength}
        maxLength={props.maxLength}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

/** Why an action failed, announced to screen readers (role=alert). */
export function ActionError(props: { action: string; error: string | undefined }) {
  if (!props.error) return null;
  return (
    <p role="alert" className="error">
      {props.action}: {props.error}
    </p>
  );
}
