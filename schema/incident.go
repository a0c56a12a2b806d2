package schema

// Incidents: one real-world event, as many articles report it. Each event links to the incident
// it reports; the incident's IRI is computed from what the event states (see IncidentIRI), so
// every article that reports it writes the same incident quads under its own label.
const (
	Incident          = NS + "Incident"
	InIncident        = NS + "incident"          // Event → Incident
	IncidentActor     = NS + "incidentActor"     // Incident → entity (people as their country)
	IncidentRecipient = NS + "incidentRecipient" // Incident → entity (people as their country)
)

// IncidentIRI is the IRI of the incident of the given date (YYYY-MM-DD) and key.
func IncidentIRI(date, key string) string { return ID + "incident/" + date + "-" + key }
