// Package ocr reads the machine-readable zone of identity documents from
// photos: it decodes the image (package imagefile), finds the zone's text
// lines at any rotation and in perspective, straightens and crops each
// line, reads it with Tesseract restricted to the zone's characters, and
// hands the text to package mrz, which checks and repairs it.
package ocr
