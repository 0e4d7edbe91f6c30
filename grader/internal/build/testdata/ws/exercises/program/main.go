package main

func MSE(yTrue, yPred []float64) float64 { return 0 }

func main() {}
