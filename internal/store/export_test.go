package store

// SetAdjacency makes s read its adjacency index (on) or walk events as a store without one
// does (off), so that tests can compare the two.
func SetAdjacency(s *Store, on bool) { s.noAdjacency = !on }
