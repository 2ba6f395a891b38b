import { TextField } from "../../components/ui";
import type { AddressKey, AddressValues } from "./contactForm";

const LABELS: Record<AddressKey, string> = {
  line1: "Street address",
  line2: "Street address, line 2",
  city: "City",
  region: "State or region",
  postal_code: "Postal code",
  country: "Address country",
};

/** A contact's or a company's address; the API's errors name a part (`address.country`) or the whole. */
export function AddressFields({
  values,
  onChange,
  errors,
}: {
  values: AddressValues;
  onChange: (values: AddressValues) => void;
  errors: Record<string, string>;
}) {
  const field = (key: AddressKey) => ({
    label: LABELS[key],
    value: values[key],
    autoComplete: "off",
    error: errors[`address.${key}`],
    onChange: (event: { target: { value: string } }) => onChange({ ...values, [key]: event.target.value }),
  });
  return (
    <div className="form-grid">
      <TextField {...field("line1")} className="span-2" />
      <TextField {...field("line2")} className="span-2" />
      <TextField {...field("city")} />
      <TextField {...field("region")} />
      <TextField {...field("postal_code")} />
      <TextField {...field("country")} maxLength={2} hint="Two letters, e.g. US" />
      {errors.address && <p className="field-error span-2">{errors.address}</p>}
    </div>
  );
}
