import { Link } from "react-router";
import "./partners.css";

/** The public pages' invitation to the partner program (/partners), under their own footer line. */
export function BecomePartnerLink() {
  return (
    <p className="partner-invite">
      Recommend Convertly and earn: <Link to="/partners">Become a partner</Link>
    </p>
  );
}
